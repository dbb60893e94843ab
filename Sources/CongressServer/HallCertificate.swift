import Crypto
import Foundation
import SwiftASN1
import X509

/// The hall's own TLS certificate (chứng chỉ của hội trường): a hall has no domain name and
/// often no internet, so no public authority can vouch for the laptop at 192.168.1.10. The
/// secretariat makes one for the addresses the server answers on; the server presents it
/// (`congress serve --tls-cert`), and each kiosk is given the same certificate to trust and
/// nothing else (`kiosk --ca`): a laptop pretending to be the server cannot show it.
public enum HallCertificate {
    /// A certificate (PEM) for `hosts` (names and IP addresses), valid `days` from `now`,
    /// signed by its own new P-256 key (PEM, PKCS #8).
    public static func make(hosts: [String], days: Int = 30, now: Date = Date()) throws -> (certificate: String, key: String) {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("congress")
            CommonName(hosts.first ?? "localhost")
        }
        var names: [GeneralName] = []
        for host in hosts {
            if let bytes = ipBytes(host) { names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes)))) }
            else { names.append(.dnsName(host)) }
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
    }

    /// The four or sixteen bytes of an IP address written as text; nil for a name.
    static func ipBytes(_ host: String) -> [UInt8]? {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
