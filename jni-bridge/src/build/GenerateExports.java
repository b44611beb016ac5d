import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes dev/gdwrtc/bridge/Exports.java from src/main/abi/exports.list (run by Maven before
 * compiling, as a single-file program): one JavaCPP function pointer per exported C function, so
 * the list is the only place a function is declared. Usage: GenerateExports LIST OUTPUT_DIR.
 */
public final class GenerateExports {
    public static void main(String[] args) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(
                """
                // Generated from src/main/abi/exports.list by src/build/GenerateExports.java: edit those.
                package dev.gdwrtc.bridge;

                import org.bytedeco.javacpp.FunctionPointer;
                import org.bytedeco.javacpp.Loader;
                import org.bytedeco.javacpp.annotation.Allocator;
                import org.bytedeco.javacpp.annotation.Cast;
                import org.bytedeco.javacpp.annotation.Name;
                import org.bytedeco.javacpp.annotation.Platform;

                /** The C ABI: each nested class becomes one exported C function (see exports.list). */
                @Platform(library = "jniGdwrtc")
                public final class Exports {
                    private Exports() {}
                """);
        int lineNo = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException(
                        args[0] + ":" + lineNo + ": want 'name | on failure | Class.method | params'");
            }
            String name = f[0].trim(), onFailure = f[1].trim(), target = f[2].trim();
            List<String> cParams = new ArrayList<>(), javaArgs = new ArrayList<>();
            for (String p : f[3].split(",")) {
                p = p.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int space = p.lastIndexOf(' ');
                String type = p.substring(0, space).trim(), arg = p.substring(space + 1);
                cParams.add(type.equals("int") ? "int " + arg : "@Cast(\"" + type + "\") long " + arg);
                javaArgs.add(arg);
            }
            String failure =
                    switch (onFailure) {
                        case "error" -> "return Calls.failed(t);";
                        case "-error" -> "return -Calls.failed(t);";
                        default -> "Calls.failed(t); return " + Integer.parseInt(onFailure) + ";";
                    };
            String cls = className(name);
            out.append("\n    @Allocator(max = 1)\n")
                    .append("    public static class ")
                    .append(cls)
                    .append(" extends FunctionPointer {\n")
                    .append("        static { Loader.load(); }\n")
                    .append("        protected ")
                    .append(cls)
                    .append("() { allocate(); }\n")
                    .append("        private native void allocate();\n")
                    .append("        public @Name(\"")
                    .append(name)
                    .append("\") int call(")
                    .append(String.join(", ", cParams))
                    .append(") {\n")
                    .append("            try {\n");
            if (!name.equals("gdwrtc_last_error")) { // the one call that must work after shutdown
                out.append("                Calls.enter();\n");
            }
            out.append("                return ")
                    .append(target)
                    .append("(")
                    .append(String.join(", ", javaArgs))
                    .append(");\n")
                    .append("            } catch (Throwable t) {\n")
                    .append("                ")
                    .append(failure)
                    .append("\n")
                    .append("            }\n")
                    .append("        }\n")
                    .append("    }\n");
        }
        out.append("}\n");
        Path file = Path.of(args[1], "dev/gdwrtc/bridge/Exports.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    /** gdwrtc_pc_create_offer -> PcCreateOffer. */
    private static String className(String cName) {
        StringBuilder b = new StringBuilder();
        for (String part : cName.substring("gdwrtc_".length()).split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
}
