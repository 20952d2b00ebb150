using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using AkkaEtl.Glue;

namespace AkkaEtl.Tests.Glue;

public sealed class GlueRequestSignerTests
{
    [Fact]
    public void Signs_like_botocore()
    {
        var body = Encoding.UTF8.GetBytes("""{"DatabaseName":"db","Name":"t"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://glue.eu-west-1.amazonaws.com/"));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(GlueRequestSigner.ContentType);
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "tok/en+=");

        GlueRequestSigner.Sign(request, body, "AWSGlue.GetTable", credentials, "eu-west-1", new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));

        // Expected value computed by botocore's SigV4Auth for the same request, credentials and time.
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240506/eu-west-1/glue/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
            + "Signature=7249516424576b3f8d822ace78fffb170e9674b172f5b7b2a46f9d9c322d9528",
            request.Headers.GetValues("Authorization").Single());
        Assert.Equal("20240506T070809Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("AWSGlue.GetTable", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("tok/en+=", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Equal("glue.eu-west-1.amazonaws.com", request.Headers.Host);
    }
}
