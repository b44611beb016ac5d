package dev.gdwrtc.lobby;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;

/**
 * The Redis scripts' text: the protocol's constants as Lua locals (so Protocol stays their one
 * source), lobby/common.lua, then the script itself. Scripts answer errors by the name of a
 * Protocol reason field, which {@link #reason} turns back into its text.
 */
final class LuaScripts {
    private LuaScripts() {}

    static String text(String name) {
        return constants() + resource("common.lua") + resource(name + ".lua");
    }

    static String reason(String field) {
        try {
            return (String) Protocol.class.getField(field).get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("a script answered an unknown reason: " + field, e);
        }
    }

    private static String constants() {
        StringBuilder b = new StringBuilder();
        b.append("local CLOSE = ").append(Delivery.CLOSE).append('\n');
        for (Field f : Protocol.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                Object v = f.get(null);
                String lua = v instanceof String s ? '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : v.toString();
                b.append("local ").append(f.getName()).append(" = ").append(lua).append('\n');
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = LuaScripts.class.getResourceAsStream("/lobby/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource lobby/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
