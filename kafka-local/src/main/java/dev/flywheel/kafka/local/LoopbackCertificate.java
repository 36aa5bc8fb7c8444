package dev.flywheel.kafka.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and {@code localhost}, made with the JDK's own {@code keytool} (no
 * extra library): a PKCS12 key store with the key and certificate, for a {@code SASL_SSL} listener
 * ({@link SaslListener#withTls}), and a PKCS12 trust store with the certificate only, for its clients
 * ({@code ssl.truststore.*}). Clients then verify the broker's certificate and host name as they would in
 * production; nothing is switched off.
 *
 * @param keyStore   the broker's key store
 * @param trustStore the clients' trust store
 * @param password   the password of both stores and of the key
 */
public record LoopbackCertificate(Path keyStore, Path trustStore, String password) {

    private static final String ALIAS = "flywheel-kafka-local";

    /**
     * Writes {@code broker.p12} and {@code truststore.p12} into {@code directory} (RSA 2048, valid for a day).
     *
     * @throws IllegalStateException if keytool fails; the message holds its output
     */
    public static LoopbackCertificate create(Path directory, String password) {
        try {
            Files.createDirectories(directory);
            Path keyStore = directory.resolve("broker.p12");
            Path certificate = directory.resolve("broker.crt");
            Path trustStore = directory.resolve("truststore.p12");
            for (Path old : List.of(keyStore, certificate, trustStore)) {
                Files.deleteIfExists(old);
            }
            keytool(directory, password, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "1", "-dname", "CN=127.0.0.1, O=Flywheel kafka-local",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass:env", "STORE_PASSWORD", "-keypass:env", "STORE_PASSWORD");
            keytool(directory, password, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                    "-storetype", "PKCS12", "-storepass:env", "STORE_PASSWORD", "-file", certificate.toString());
            keytool(directory, password, "-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass:env", "STORE_PASSWORD");
            return new LoopbackCertificate(keyStore, trustStore, password);
        } catch (IOException e) {
            throw new IllegalStateException("Could not make a certificate in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LoopbackCertificate[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }

    /** Runs keytool with the password in its environment ({@code -storepass:env}), never on its command line. */
    private static void keytool(Path directory, String password, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("STORE_PASSWORD", password);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while keytool " + arguments[0] + " ran", e);
        } finally {
            process.destroyForcibly();
        }
    }
}
