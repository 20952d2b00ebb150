using Amazon.Runtime;
using AkkaEtl.Glue;

namespace AkkaEtl.Tests.Glue;

public sealed class GlueSettingsTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Defaults_to_us_east_1_and_the_public_endpoint()
    {
        var s = GlueSettings.FromEnvironment(Env());
        Assert.Equal("us-east-1", s.Region);
        Assert.Equal(new Uri("https://glue.us-east-1.amazonaws.com/"), s.Endpoint);
        Assert.Null(s.Credentials);
    }

    [Fact]
    public void Region_and_endpoint_come_from_the_environment_in_order()
    {
        Assert.Equal("eu-west-1", GlueSettings.FromEnvironment(Env(("AWS_DEFAULT_REGION", "eu-west-1"))).Region);
        Assert.Equal("eu-central-1", GlueSettings.FromEnvironment(Env(("AWS_REGION", "eu-central-1"), ("AWS_DEFAULT_REGION", "eu-west-1"))).Region);
        Assert.Equal(new Uri("https://glue.cn-north-1.amazonaws.com.cn/"), GlueSettings.FromEnvironment(Env(("AWS_REGION", "cn-north-1"))).Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), GlueSettings.FromEnvironment(Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"))).Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5001/"), GlueSettings.FromEnvironment(Env(
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_ENDPOINT_URL_GLUE", "http://127.0.0.1:5001"))).Endpoint);
        Assert.Equal(new Uri("https://glue.us-east-1.amazonaws.com/"), GlueSettings.FromEnvironment(Env(
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))).Endpoint);
        Assert.Throws<ArgumentException>(() => GlueSettings.FromEnvironment(Env(("AWS_ENDPOINT_URL", "not a url"))));
    }

    [Fact]
    public void ToString_shows_no_secret()
    {
        var s = GlueSettings.FromEnvironment(Env()) with { Credentials = new SessionAWSCredentials("AKIAEXAMPLEKEY", "very-secret", "session-token") };
        var text = s.ToString();
        Assert.Contains("us-east-1", text);
        Assert.Contains("explicit", text);
        Assert.DoesNotContain("AKIAEXAMPLEKEY", text);
        Assert.DoesNotContain("very-secret", text);
        Assert.DoesNotContain("session-token", text);
    }
}
