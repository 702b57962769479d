package org.cec.portal.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PKCS#12 keystore of the HTTPS connector, and the Felix HTTP properties that switch HTTPS on.
 * Three sources, in this order: a keystore the operator names ({@code CEC_TLS_KEYSTORE}, password in
 * {@code CEC_TLS_KEYSTORE_PASSWORD} or the file named by {@code CEC_TLS_KEYSTORE_PASSWORD_FILE}); a
 * PEM certificate chain and PKCS#8 key ({@code CEC_TLS_CERTIFICATE}, {@code CEC_TLS_KEY}), copied on
 * each start into {@code <data>/tls/portal.p12} under a fresh random password; or, when neither is
 * set, a self-signed certificate for {@code localhost} generated once by the JDK's {@code keytool}
 * into {@code <data>/tls/self-signed.p12} (for trying the portal out). Passwords never reach a log,
 * a command line or {@link #toString()}.
 */
final class TlsKeystore {

    static final String SELF_SIGNED = "self-signed.p12";
    static final String SELF_SIGNED_CERTIFICATE = "self-signed.crt";
    private static final String SELF_SIGNED_PASSWORD = "self-signed.password";
    private static final String ALIAS = "cec-portal";
    private static final Pattern PEM_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    final Path file;
    private final String password;
    final String source;

    private TlsKeystore(Path file, String password, String source) {
        this.file = file;
        this.password = password;
        this.source = source;
    }

    /** Prepares the keystore for {@code settings} (HTTPS on); {@code log} tells what was generated. */
    static TlsKeystore prepare(LaunchSettings settings, Map<String, String> env, PrintStream log)
            throws IOException, GeneralSecurityException, InterruptedException {
        if (settings.tlsKeystore() != null) {
            String password = keystorePassword(env);
            load(settings.tlsKeystore(), password);
            return new TlsKeystore(settings.tlsKeystore(), password, "keystore " + settings.tlsKeystore());
        }
        Path dir = OwnerOnly.directory(settings.dataDir().resolve("tls"));
        if (settings.tlsCertificate() != null) {
            return fromPem(settings.tlsCertificate(), settings.tlsKey(), dir);
        }
        return selfSigned(dir, settings, log);
    }

    /** The framework properties of Felix HTTP for this keystore and {@code settings}. */
    Map<String, String> frameworkProperties(LaunchSettings settings) {
        Map<String, String> p = new HashMap<>();
        p.put("org.apache.felix.https.enable", "true");
        p.put("org.osgi.service.http.port.secure", Integer.toString(settings.httpsPort()));
        p.put("org.apache.felix.https.keystore", file.toString());
        p.put("org.apache.felix.https.keystore.type", "PKCS12");
        p.put("org.apache.felix.https.keystore.password", password);
        p.put("org.apache.felix.https.keystore.key.password", password);
        p.put("org.apache.felix.https.jetty.session.cookie.secure", "true");
        return p;
    }

    @Override
    public String toString() {
        return "TlsKeystore[" + source + "]";
    }

    private static String keystorePassword(Map<String, String> env) throws IOException {
        String password = env.get("CEC_TLS_KEYSTORE_PASSWORD");
        String file = env.get("CEC_TLS_KEYSTORE_PASSWORD_FILE");
        if (password == null && file != null && !file.isBlank()) {
            password = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8)
                    .strip();
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(
                    "CEC_TLS_KEYSTORE needs its password in CEC_TLS_KEYSTORE_PASSWORD or CEC_TLS_KEYSTORE_PASSWORD_FILE");
        }
        return password;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "The keystore " + file + " cannot be read with the configured password: " + e.getMessage());
        }
        boolean hasKey = false;
        for (String alias : Collections.list(store.aliases())) {
            hasKey |= store.isKeyEntry(alias);
        }
        if (!hasKey) {
            throw new IllegalArgumentException("The keystore " + file + " holds no private key");
        }
        return store;
    }

    private static TlsKeystore fromPem(Path certificate, Path key, Path dir)
            throws IOException, GeneralSecurityException {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "CEC_TLS_CERTIFICATE " + certificate + " is no PEM certificate: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("CEC_TLS_CERTIFICATE " + certificate + " holds no certificate");
        }
        Matcher m = PEM_KEY.matcher(Files.readString(key, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IllegalArgumentException("CEC_TLS_KEY " + key
                    + " must be an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        PrivateKey privateKey;
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            privateKey = KeyFactory.getInstance(chain.get(0).getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "CEC_TLS_KEY " + key + " is not the private key of the certificate's type: " + e.getMessage());
        }
        String password = randomPassword();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, privateKey, password.toCharArray(), chain.toArray(new Certificate[0]));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password.toCharArray());
        Path file = dir.resolve("portal.p12");
        OwnerOnly.write(file, bytes.toByteArray());
        return new TlsKeystore(file, password, "PEM " + certificate);
    }

    private static TlsKeystore selfSigned(Path dir, LaunchSettings settings, PrintStream log)
            throws IOException, GeneralSecurityException, InterruptedException {
        Path file = dir.resolve(SELF_SIGNED);
        Path passwordFile = dir.resolve(SELF_SIGNED_PASSWORD);
        if (Files.exists(file) && Files.exists(passwordFile)) {
            String password =
                    Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
            load(file, password);
            log.printf(
                    "cec-portal: HTTPS uses the self-signed certificate %s (no CEC_TLS_KEYSTORE or CEC_TLS_CERTIFICATE set)%n",
                    dir.resolve(SELF_SIGNED_CERTIFICATE));
            return new TlsKeystore(file, password, "self-signed " + file);
        }
        Files.deleteIfExists(file);
        String password = randomPassword();
        OwnerOnly.write(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalArgumentException("CEC_HTTPS_PORT is set without a certificate, and " + keytool
                    + " (the JDK's keytool) is missing to generate a self-signed one: set CEC_TLS_KEYSTORE"
                    + " or CEC_TLS_CERTIFICATE and CEC_TLS_KEY");
        }
        ProcessBuilder pb = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        ALIAS,
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-sigalg",
                        "SHA256withECDSA",
                        "-validity",
                        "825",
                        "-dname",
                        "CN=localhost, O=CEC Portal self-signed test certificate",
                        "-ext",
                        "SAN=" + subjectAlternativeNames(settings),
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass:env",
                        "CEC_KEYTOOL_PASSWORD")
                .redirectErrorStream(true);
        pb.environment().put("CEC_KEYTOOL_PASSWORD", password);
        Process keytoolRun = pb.start();
        String output = new String(keytoolRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytoolRun.waitFor(60, TimeUnit.SECONDS) || keytoolRun.exitValue() != 0) {
            throw new IOException("keytool could not generate the self-signed certificate: " + output.strip());
        }
        OwnerOnly.file(file);
        KeyStore store = load(file, password);
        Certificate certificate = store.getCertificate(ALIAS);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        OwnerOnly.write(dir.resolve(SELF_SIGNED_CERTIFICATE), pem.getBytes(StandardCharsets.US_ASCII));
        log.printf(
                "cec-portal: HTTPS without a configured certificate: generated a self-signed certificate for"
                        + " localhost in %s, for trying the portal out only (browsers will warn). Set"
                        + " CEC_TLS_KEYSTORE or CEC_TLS_CERTIFICATE and CEC_TLS_KEY for real use.%n",
                dir.resolve(SELF_SIGNED_CERTIFICATE));
        return new TlsKeystore(file, password, "self-signed " + file);
    }

    /** localhost, the loopback addresses, the bind address and this machine's name. */
    private static String subjectAlternativeNames(LaunchSettings settings) {
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
        String host = settings.httpHost();
        if (host.matches("[0-9.]+") && !host.equals("0.0.0.0") && !host.equals("127.0.0.1")) {
            names.add("ip:" + host);
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name.matches("[A-Za-z0-9][A-Za-z0-9.\\-]*") && !name.equals("localhost")) {
                names.add("dns:" + name);
            }
        } catch (IOException unknown) {
            // the machine's name does not resolve: localhost only
        }
        return String.join(",", names);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
