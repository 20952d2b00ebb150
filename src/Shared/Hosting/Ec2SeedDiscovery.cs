using System.Net;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace AkkaEtl.Hosting;

/// <summary>
/// Seeds from EC2: <c>DescribeInstances</c> filtered by tag and by state running, every page, the instances' private
/// IPs sorted by address (so every node sees the same first seed), each with the Akka port.
/// </summary>
public sealed class Ec2SeedDiscovery(IAmazonEC2 ec2, Ec2SeedOptions options, bool ownsClient = false) : ISeedDiscovery
{
    /// <summary>Instances asked for per DescribeInstances page (EC2 takes 5 to 1,000).</summary>
    public int PageSize { get; init; } = 1000;

    public Ec2SeedOptions Options => options;

    /// <summary>
    /// A discovery with its own client: endpoint from AWS_ENDPOINT_URL_EC2, else AWS_ENDPOINT_URL; region from
    /// AWS_REGION, else AWS_DEFAULT_REGION, else the SDK's own lookup (the instance's region on EC2); credentials
    /// from <paramref name="credentials"/> or the SDK's default chain (the instance role on EC2).
    /// </summary>
    public static Ec2SeedDiscovery FromEnvironment(Ec2SeedOptions options, Func<string, string?>? variable = null, AWSCredentials? credentials = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var endpoint = Clean(variable("AWS_ENDPOINT_URL_EC2")) ?? Clean(variable("AWS_ENDPOINT_URL"));
        var region = Clean(variable("AWS_REGION")) ?? Clean(variable("AWS_DEFAULT_REGION"));
        // The endpoint is the one read here alone: ~/.aws/config must not redirect it elsewhere.
        var config = new AmazonEC2Config { IgnoreConfiguredEndpointUrls = true, MaxErrorRetry = 3 };
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            // A custom endpoint names no region: sign for the configured one.
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        var client = credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
        return new Ec2SeedDiscovery(client, options, ownsClient: true);
    }

    public async Task<IReadOnlyList<string>> DiscoverAsync(CancellationToken ct)
    {
        var addresses = new HashSet<IPAddress>();
        string? token = null;
        do
        {
            var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest
            {
                Filters =
                [
                    new Filter($"tag:{options.TagKey}", [options.TagValue]),
                    new Filter("instance-state-name", ["running"]),
                ],
                MaxResults = PageSize,
                NextToken = token,
            }, ct).ConfigureAwait(false);
            foreach (var reservation in response.Reservations ?? [])
                foreach (var instance in reservation.Instances ?? [])
                    if (instance.State?.Name == InstanceStateName.Running && IPAddress.TryParse(instance.PrivateIpAddress, out var ip))
                        addresses.Add(ip);
            token = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
        } while (token is not null);

        IEnumerable<IPAddress> sorted = addresses.Order(IpOrder.Instance);
        if (options.MaxSeeds is { } max) sorted = sorted.Take(max);
        return sorted.Select(ip => $"{ip}:{options.Port}").ToList();
    }

    public void Dispose()
    {
        if (ownsClient) ec2.Dispose();
    }

    public override string ToString() => options.ToString();

    /// <summary>Numeric order (10.0.0.9 before 10.0.0.10), IPv4 before IPv6.</summary>
    private sealed class IpOrder : IComparer<IPAddress>
    {
        public static readonly IpOrder Instance = new();

        public int Compare(IPAddress? x, IPAddress? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var a = x.GetAddressBytes();
            var b = y.GetAddressBytes();
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.AsSpan().SequenceCompareTo(b);
        }
    }
}
