using AkkaEtl.Storage;

namespace AkkaEtl.Tests.Storage;

public sealed class S3SettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Defaults_are_aws_in_us_east_1_with_virtual_hosted_addressing()
    {
        var s = S3Settings.FromEnvironment(Env());
        Assert.Null(s.ServiceUrl);
        Assert.Equal("us-east-1", s.Region);
        Assert.False(s.ForcePathStyle);
    }

    [Fact]
    public void The_s3_endpoint_wins_over_the_general_one_and_implies_path_style()
    {
        var s = S3Settings.FromEnvironment(Env(("AWS_ENDPOINT_URL", "http://general:1"), ("AWS_ENDPOINT_URL_S3", "http://s3only:2")));
        Assert.Equal("http://s3only:2", s.ServiceUrl);
        Assert.True(s.ForcePathStyle);
        Assert.Equal("http://general:1", S3Settings.FromEnvironment(Env(("AWS_ENDPOINT_URL", "http://general:1"))).ServiceUrl);
    }

    [Fact]
    public void Region_comes_from_AWS_REGION_then_AWS_DEFAULT_REGION()
    {
        Assert.Equal("eu-west-1", S3Settings.FromEnvironment(Env(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2"))).Region);
        Assert.Equal("us-west-2", S3Settings.FromEnvironment(Env(("AWS_DEFAULT_REGION", "us-west-2"))).Region);
    }

    [Fact]
    public void Path_style_can_be_asked_for_explicitly()
    {
        Assert.True(S3Settings.FromEnvironment(Env(("AKKAETL_S3_FORCE_PATH_STYLE", "true"))).ForcePathStyle);
        Assert.False(S3Settings.FromEnvironment(Env(("AKKAETL_S3_FORCE_PATH_STYLE", "no"))).ForcePathStyle);
    }

    [Fact]
    public void Credentials_in_the_environment_never_reach_ToString()
    {
        var s = S3Settings.FromEnvironment(Env(
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEYID0000"), ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            ("AWS_ENDPOINT_URL_S3", "http://user:hunter2@minio.local:9000")));
        var text = s.ToString();
        Assert.DoesNotContain("AKIAEXAMPLEKEYID0000", text);
        Assert.DoesNotContain("wJalrXUtnFEMI", text);
        Assert.DoesNotContain("hunter2", text);
        Assert.Contains("minio.local:9000", text);
        using var provider = new S3ObjectStoreProvider(s);
        Assert.DoesNotContain("hunter2", provider.ToString());
    }

    [Fact]
    public void Part_size_grows_so_that_10000_parts_hold_the_file()
    {
        var s = new S3Settings { PartSize = 16 * S3Settings.MiB };
        Assert.Equal(16 * S3Settings.MiB, s.PartSizeFor(100 * S3Settings.MiB));
        var huge = 400L * 1024 * S3Settings.MiB; // 400 GiB
        var part = s.PartSizeFor(huge);
        Assert.True((huge + part - 1) / part <= S3Settings.MaxParts);
        Assert.Equal(0, part % S3Settings.MiB);
    }

    [Fact]
    public void Values_s3_would_refuse_are_refused_early()
    {
        Assert.Throws<ArgumentException>(() => new S3Settings { PartSize = 4 * S3Settings.MiB }.Validate());
        Assert.Throws<ArgumentException>(() => new S3Settings { UploadParallelism = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new S3Settings { ListPageSize = 1001 }.Validate());
        Assert.Throws<ArgumentException>(() => new S3Settings { ServiceUrl = "not a url" }.Validate());
    }

    [Fact]
    public void Provider_opens_s3_stores_for_s3_locations_and_local_stores_otherwise()
    {
        using var dir = new Support.TempDir("provider");
        using var provider = new S3ObjectStoreProvider(new S3Settings { ServiceUrl = "http://127.0.0.1:9", ForcePathStyle = true });
        var s3 = provider.Get("s3://bucket/some/prefix/");
        var same = provider.Get("s3://bucket/some/prefix");
        var other = provider.Get("s3://other-bucket");
        var local = provider.Get(dir.Path);
        var store = Assert.IsType<S3ObjectStore>(s3);
        Assert.Same(s3, same);
        Assert.Equal("s3://bucket/some/prefix", store.Root);
        Assert.Equal("s3://bucket/some/prefix/raw/2020/01/01/a.jsonl", store.Describe("raw/2020/01/01/a.jsonl"));
        Assert.Equal("s3://other-bucket", other.Root);
        Assert.Equal("s3://other-bucket/k", other.Describe("k"));
        Assert.IsType<LocalObjectStore>(local);
        // one client for both buckets: the settings are the same
        Assert.Same(provider.ClientFor(new S3Settings { ServiceUrl = "http://127.0.0.1:9", ForcePathStyle = true }),
            provider.ClientFor(new S3Settings { ServiceUrl = "http://127.0.0.1:9", ForcePathStyle = true }));
    }
}
