package talos.core.gateway;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A certificate authority and a server certificate for 127.0.0.1 and localhost, made at test time
 * with BouncyCastle's ASN.1 classes and the JDK's RSA, written as PEM files.
 *
 * @param authority the authority's certificate, for clients to trust
 * @param certificate the server's certificate
 * @param key the server's private key, PKCS#8
 */
record TestCertificates(Path authority, Path certificate, Path key) {

  private static final AlgorithmIdentifier SHA256_RSA = new AlgorithmIdentifier(
      PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);

  /** Makes a new authority and server certificate in {@code folder}. */
  static TestCertificates create(Path folder, String name) throws IOException,
      GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair authorityKeys = generator.generateKeyPair();
    KeyPair serverKeys = generator.generateKeyPair();
    X500Name authorityName = new X500Name("CN=" + name + " test authority");
    byte[] authority = certificate(authorityName, authorityName, authorityKeys, authorityKeys
        .getPrivate(), true);
    byte[] server = certificate(authorityName, new X500Name("CN=localhost"), serverKeys,
        authorityKeys.getPrivate(), false);
    return new TestCertificates(
        Files.writeString(folder.resolve(name + "-ca.pem"), pem("CERTIFICATE", authority)),
        Files.writeString(folder.resolve(name + "-server.pem"), pem("CERTIFICATE", server)),
        Files.writeString(folder.resolve(name + "-server.key"), pem("PRIVATE KEY",
            serverKeys.getPrivate().getEncoded())));
  }

  private static byte[] certificate(X500Name issuer, X500Name subject, KeyPair keys,
                                    PrivateKey issuerKey, boolean authority)
      throws IOException, GeneralSecurityException {
    Instant now = Instant.now();
    V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
    tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now.toEpochMilli())));
    tbs.setIssuer(issuer);
    tbs.setSubject(subject);
    tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofHours(1)))));
    tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(1)))));
    tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    tbs.setSignature(SHA256_RSA);
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (authority) {
      extensions.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    tbs.setExtensions(extensions.generate());
    TBSCertificate certificate = tbs.generateTBSCertificate();
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(issuerKey);
    signer.update(certificate.getEncoded(ASN1Encoding.DER));
    ASN1EncodableVector signed = new ASN1EncodableVector();
    signed.addAll(new ASN1Encodable[] {certificate, SHA256_RSA, new DERBitString(signer.sign())});
    return new DERSequence(signed).getEncoded(ASN1Encoding.DER);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
