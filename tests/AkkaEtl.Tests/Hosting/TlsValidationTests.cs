using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using AkkaEtl.Arguments;
using AkkaEtl.Hosting;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Hosting;

/// <summary>The private-CA check on its own (no sockets), and how the TLS flags load the files.</summary>
public sealed class TlsValidationTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = new("Cluster CA");
    private readonly TempDir _dir = new("tls-validation");

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Dispose();
    }

    private X509Certificate2Collection Trusted => [_ca.Certificate];

    [Fact]
    public void A_certificate_signed_by_the_CA_is_accepted()
    {
        using var node = _ca.Issue("node-1");
        Assert.Null(PrivateCaValidation.Check(node, null, Trusted));
    }

    [Fact]
    public void Certificates_from_another_CA_self_signed_expired_or_without_client_use_are_refused()
    {
        using var other = new TestCertificateAuthority("Other CA");
        using var foreign = other.Issue("node-x");
        using var selfSigned = TestCertificateAuthority.SelfSigned("node-y");
        using var expired = _ca.Issue("node-z", notAfter: DateTimeOffset.UtcNow.AddHours(-1));
        using var serverOnly = _ca.Issue("node-s", usages: ["1.3.6.1.5.5.7.3.1"]);
        Assert.Contains("not accepted", PrivateCaValidation.Check(foreign, null, Trusted));
        Assert.Contains("not accepted", PrivateCaValidation.Check(selfSigned, null, Trusted));
        Assert.Contains("NotTimeValid", PrivateCaValidation.Check(expired, null, Trusted));
        Assert.Contains("NotValidForUsage", PrivateCaValidation.Check(serverOnly, null, Trusted));
    }

    [Fact]
    public void The_callback_refuses_a_peer_without_a_certificate_and_ignores_host_names()
    {
        var callback = PrivateCaValidation.Callback(Trusted);
        using var node = _ca.Issue("node-1");
        Assert.False(callback(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
        // SslStream reports the public-root chain error and the host-name mismatch: neither is ours to judge.
        Assert.True(callback(node, null, "peer", SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, NoLogger.Instance));
    }

    [Fact]
    public void The_flags_load_the_key_and_a_CA_bundle_and_keep_no_password()
    {
        using var next = new TestCertificateAuthority("Next CA");
        var bundle = _dir.Sub("bundle.crt");
        File.WriteAllText(bundle, _ca.Certificate.ExportCertificatePem() + "\n" + next.Certificate.ExportCertificatePem());
        var pfx = TestCertificateAuthority.WritePfx(next.Issue("node-2"), _dir.Sub("node.pfx"), "s3cret-pw");
        var node = NodeArguments.Parse(CommandLine.Parse(["--tls-cert", pfx, "--tls-cert-password", "s3cret-pw", "--tls-ca", bundle], NodeArguments.Options, []), ["worker"]);
        var tls = Assert.IsType<NodeTls>(node.Tls);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal(2, tls.Authorities.Count);
        Assert.Null(tls.OwnCertificateProblem());
        Assert.Equal("akka.ssl.tcp", node.Protocol);
        Assert.DoesNotContain("s3cret-pw", node.ToString());

        var wrong = Assert.Throws<UsageException>(() => NodeArguments.Parse(
            CommandLine.Parse(["--tls-cert", pfx, "--tls-cert-password", "nope-pw", "--tls-ca", bundle], NodeArguments.Options, []), ["worker"]));
        Assert.Contains("node.pfx", wrong.Message);
        Assert.DoesNotContain("nope-pw", wrong.Message);
        Assert.Throws<UsageException>(() => NodeArguments.Parse(CommandLine.Parse(["--tls-cert", pfx], NodeArguments.Options, []), ["worker"]));
        Assert.Throws<UsageException>(() => NodeArguments.Parse(CommandLine.Parse(["--tls-ca", bundle], NodeArguments.Options, []), ["worker"]));
    }

    [Fact]
    public void A_DER_CA_file_is_read_too()
    {
        var der = _dir.Sub("ca.der");
        File.WriteAllBytes(der, _ca.Certificate.RawData);
        var pfx = TestCertificateAuthority.WritePfx(_ca.Issue("node-3"), _dir.Sub("n3.pfx"), "pw");
        var tls = NodeTls.Load(pfx, "pw", der);
        Assert.Equal(_ca.Certificate.Thumbprint, Assert.Single(tls.Authorities).Thumbprint);
    }
}
