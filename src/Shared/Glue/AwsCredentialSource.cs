using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace AkkaEtl.Glue;

/// <summary>
/// Gives the credentials to sign each request with: the explicit ones, or those of the SDK's default chain
/// (<see cref="DefaultAWSCredentialsIdentityResolver"/>: environment, profile, web identity, ECS, EC2 instance role),
/// resolved on first use. Refreshing credentials (instance roles, assumed roles) renew themselves in
/// <see cref="AWSCredentials.GetCredentialsAsync"/>.
/// </summary>
public sealed class AwsCredentialSource(AWSCredentials? explicitCredentials = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _credentials = explicitCredentials;

    public const string CredentialsUnavailable = "CredentialsUnavailable";

    /// <exception cref="GlueException">With <see cref="CredentialsUnavailable"/> when no source in the chain has credentials.</exception>
    public async Task<ImmutableCredentials> GetAsync(CancellationToken ct)
    {
        try
        {
            var credentials = _credentials ?? await ResolveAsync(ct).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new GlueException("ResolveCredentials", CredentialsUnavailable, e.Message, inner: e);
        }
    }

    private async Task<AWSCredentials> ResolveAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _credentials ??= await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override string ToString() => _credentials is null ? "AwsCredentialSource(default chain, unresolved)" : "AwsCredentialSource(resolved)";
}
