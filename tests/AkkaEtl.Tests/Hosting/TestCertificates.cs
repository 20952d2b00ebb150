using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkkaEtl.Tests.Hosting;

/// <summary>A private CA and node certificates (ECDSA P-256: quick to make) made in memory (no openssl), written as a node takes them.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificateAuthority(string name)
    {
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM (what --tls-ca takes).</summary>
    public string WritePem(string path)
    {
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>A node certificate signed by this CA, for server and client authentication, with its key.</summary>
    public X509Certificate2 Issue(string name, string[]? usages = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NodeRequest(name, key, usages);
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        using var issued = request.Create(Certificate, notBefore, notAfter ?? DateTimeOffset.UtcNow.AddDays(10), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A node certificate that signs itself (no CA at all).</summary>
    public static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return NodeRequest(name, key, null).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
    }

    /// <summary>PKCS#12 with the key (what --tls-cert takes).</summary>
    public static string WritePfx(X509Certificate2 certificate, string path, string password)
    {
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private static CertificateRequest NodeRequest(string name, ECDsa key, string[]? usages)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var eku = new OidCollection();
        foreach (var oid in usages ?? ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]) eku.Add(new Oid(oid));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(eku, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        return request;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
