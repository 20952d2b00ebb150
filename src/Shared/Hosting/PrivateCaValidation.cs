using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace AkkaEtl.Hosting;

/// <summary>
/// Accepts a TLS peer only if its certificate chains to the cluster's private CA. Akka's built-in check
/// (<see cref="CertificateValidation.ValidateChain"/>) trusts the machine's public roots, so any publicly issued
/// certificate would pass and a private CA would not; here the chain is built again with the private CA as the only
/// trust anchor. Host names are not checked: nodes are reached by IP and each has its own certificate, so the
/// cluster's identity is the CA (use a CA for this cluster alone).
/// </summary>
public static class PrivateCaValidation
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>The callback for Akka's DotNetty transport, on both ends of every connection.</summary>
    public static CertificateValidationCallback Callback(X509Certificate2Collection authorities) =>
        (certificate, chain, peer, errors, log) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                log.Warning("TLS: refused {0}: it presented no certificate", peer);
                return false;
            }
            var problem = Check(certificate, chain, authorities);
            if (problem is null) return true;
            log.Warning("TLS: refused {0}: certificate [{1}] issued by [{2}] {3}", peer, certificate.Subject, certificate.Issuer, problem);
            return false;
        };

    /// <summary>Null when <paramref name="certificate"/> chains to one of <paramref name="authorities"/>; else why not.</summary>
    /// <param name="presented">The chain the peer sent, for its intermediates (never trusted by themselves).</param>
    public static string? Check(X509Certificate2 certificate, X509Chain? presented, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(authorities);
        // A private CA publishes no revocation list; rotating the CA or the certificates is the way to revoke.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        // Every node is a TLS server (inbound) and a TLS client (outbound).
        policy.ApplicationPolicy.Add(ServerAuth);
        policy.ApplicationPolicy.Add(ClientAuth);
        if (presented is not null)
            foreach (var element in presented.ChainElements)
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                    policy.ExtraStore.Add(element.Certificate);
        if (chain.Build(certificate)) return null;
        var reasons = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct();
        return $"is not accepted by the cluster CA ({string.Join(", ", reasons)})";
    }
}
