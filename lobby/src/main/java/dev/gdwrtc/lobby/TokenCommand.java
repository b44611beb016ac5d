package dev.gdwrtc.lobby;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `java -jar gdwrtc-lobby.jar token --secret-file F [--ttl S]`: prints a join token. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Prints a join token for --token-secret-file.")
final class TokenCommand implements Callable<Integer> {
    @Option(names = "--secret-file", required = true, description = "The lobby's --token-secret-file.")
    Path secretFile;

    @Option(names = "--ttl", defaultValue = "3600", description = "Seconds the token is valid. Default: ${DEFAULT-VALUE}.")
    long ttl;

    @Override
    public Integer call() throws Exception {
        System.out.println(new Tokens(Files.readAllBytes(secretFile)).issue(System.currentTimeMillis() / 1000 + ttl));
        return 0;
    }
}
