package dev.gdwrtc.tests.network;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An echoing {@link MeshNode} in a process of its own (started by the tests inside another
 * network namespace): lines in on stdin, lines out on stdout. Args: ID [CONFIG_B64].
 */
public final class RemotePeer {
    private RemotePeer() {}

    public static void main(String[] args) throws Exception {
        ConcurrentLinkedQueue<String> in = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    in.add(line);
                }
            } catch (Exception e) {
                // the test ended
            }
            in.add("eof");
        }, "stdin");
        reader.setDaemon(true);
        reader.start();
        MeshNode node = new MeshNode(Integer.parseInt(args[0]), args.length > 1 ? MeshNode.unb64(args[1]) : "", true, line -> {
            synchronized (System.out) {
                System.out.println(line);
                System.out.flush();
            }
        });
        System.out.println("ready " + node.id);
        System.out.flush();
        while (true) {
            String line;
            while ((line = in.poll()) != null) {
                if (line.equals("eof")) {
                    node.mp.close();
                    System.exit(0);
                }
                node.accept(line);
            }
            node.pump();
            Thread.sleep(1);
        }
    }
}
