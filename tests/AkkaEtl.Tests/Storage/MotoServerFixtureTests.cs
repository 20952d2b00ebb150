using AkkaEtl.Tests.Support;
using Amazon.S3.Model;

namespace AkkaEtl.Tests.Storage;

/// <summary>The fixture itself, used here as a collection fixture (the store tests use it as a class fixture).</summary>
[Collection(MotoServerCollection.Name)]
public sealed class MotoServerFixtureTests(MotoServerFixture moto)
{
    [Fact]
    public async Task Moto_listens_on_loopback_makes_unique_buckets_and_resets()
    {
        Assert.StartsWith("http://127.0.0.1:", moto.EndpointUrl);
        var first = await moto.CreateBucketAsync("Fixture_Test");
        var second = await moto.CreateBucketAsync("Fixture_Test");
        Assert.NotEqual(first, second);
        Assert.Matches("^[a-z0-9][a-z0-9-]{2,62}$", first);
        await moto.Store(first).PutAsync("k", "v"u8.ToArray(), TestContext.Current.CancellationToken);

        await moto.ResetAsync();

        var buckets = await moto.Client.ListBucketsAsync(new ListBucketsRequest(), TestContext.Current.CancellationToken);
        Assert.Empty(buckets.Buckets ?? []);
    }
}
