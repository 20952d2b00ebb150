using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkkaEtl.Hosting;

/// <summary>
/// A node's TLS material for remoting: its own certificate (with the private key) and the private CA(s) a peer's
/// certificate must chain to. The PKCS#12 password is used to load the key and not kept.
/// </summary>
public sealed class NodeTls
{
    public const string PasswordVariable = "AKKAETL_TLS_CERT_PASSWORD";

    private NodeTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    /// <summary>This node's certificate, private key included.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The only trust anchors for peers: a certificate not issued under one of these is refused.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Loads a PKCS#12 file and a CA file (PEM, one or more certificates, or DER).</summary>
    /// <exception cref="ArgumentException">A file is missing or unreadable, the password is wrong, the key is absent.</exception>
    public static NodeTls Load(string certificatePath, string? password, string authorityPath)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The SDK's message names neither the password nor the key; the path is safe to show.
            throw new ArgumentException($"cannot read the PKCS#12 file {certificatePath} (wrong password?): {e.Message}", e);
        }
        if (!certificate.HasPrivateKey) throw new ArgumentException($"{certificatePath} holds no private key: a node needs its own key for TLS");
        return new NodeTls(certificate, LoadAuthorities(authorityPath));
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            var bytes = File.ReadAllBytes(path);
            // A PEM bundle may hold the old and the new CA while certificates are being rotated.
            if (System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                authorities.ImportFromPemFile(path);
            else
                authorities.Add(X509CertificateLoader.LoadCertificate(bytes));
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot read the CA certificate {path}: {e.Message}", e);
        }
        if (authorities.Count == 0) throw new ArgumentException($"{path} holds no certificate");
        return authorities;
    }

    /// <summary>Why this node's own certificate would be refused by peers that trust the same CA, or null if it would not.</summary>
    public string? OwnCertificateProblem() => PrivateCaValidation.Check(Certificate, null, Authorities);

    public override string ToString() =>
        $"TLS certificate {Certificate.Subject} (issuer {Certificate.Issuer}, thumbprint {Certificate.Thumbprint}), " +
        $"trusting {string.Join("; ", Authorities.Select(a => a.Subject))}";
}
