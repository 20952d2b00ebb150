using System.Text.Json;
using AkkaEtl.Features.Mapping;

namespace AkkaEtl.Tests.Features;

public class TopLevelNamesTests
{
    private static readonly Func<JsonElement, bool> Any = e => e.ValueKind != JsonValueKind.Null;

    private static readonly JsonPath[] Paths =
    [
        .. FieldMapping.Default.AllPaths.Values.SelectMany(p => p),
        JsonPath.Parse("$['odd key']"), JsonPath.Parse("$.café"), JsonPath.Parse("$[0].title"), JsonPath.Parse("$.a"),
    ];

    [Theory]
    [InlineData("""{"title":"first","title":"last"}""")]
    [InlineData("""{"t\u0069tle":"escaped name","company":{"name":"Acme","title":"nested, not top-level"}}""")]
    [InlineData("""{"caf\u00e9":"escaped","café":"plain, later"}""")]
    [InlineData("""{"odd key":"v","a":[1,2],"jobLocation":[{"address":{"addressLocality":"Berlin"}}]}""")]
    [InlineData("""{"a_name_longer_than_every_name_in_the_mapping":1,"":2,"id":{"value":"x"},"identifier":{"value":7}}""")]
    [InlineData("""{}""")]
    public void A_path_from_its_slot_finds_what_the_document_lookup_finds(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var names = new TopLevelNames(Paths);
        var values = new JsonElement[names.Count];
        names.Read(doc.RootElement, values);
        foreach (var path in Paths)
        {
            var expected = path.TryFind(doc.RootElement, Any, out var e) ? e.GetRawText() : null;
            var slot = names.SlotOf(path);
            string? actual;
            if (slot < 0) actual = path.TryFind(doc.RootElement, Any, out var r) ? r.GetRawText() : null;
            else actual = values[slot].ValueKind != JsonValueKind.Undefined && path.TryFindUnder(values[slot], Any, out var u) ? u.GetRawText() : null;
            Assert.True(expected == actual, $"{path}: expected {expected ?? "nothing"}, got {actual ?? "nothing"}");
        }
    }

    [Fact]
    public void Only_paths_that_start_with_a_name_have_a_slot_and_a_name_has_one_slot()
    {
        var names = new TopLevelNames([JsonPath.Parse("$.title"), JsonPath.Parse("$.title.text"), JsonPath.Parse("$[0].title"), JsonPath.Parse("$.company.name")]);
        Assert.Equal(2, names.Count);
        Assert.Equal(names.SlotOf(JsonPath.Parse("$.title")), names.SlotOf(JsonPath.Parse("$.title.text")));
        Assert.Equal(-1, names.SlotOf(JsonPath.Parse("$[0].title")));
        Assert.Equal(-1, names.SlotOf(JsonPath.Parse("$.location")));
    }

    [Fact]
    public void The_last_of_duplicate_names_and_an_escaped_name_are_read()
    {
        using var doc = JsonDocument.Parse("""{"title":"first","t\u0069tle":"second","other":{"title":"nested"}}""");
        var names = new TopLevelNames([JsonPath.Parse("$.title"), JsonPath.Parse("$.missing")]);
        var values = new JsonElement[names.Count];
        names.Read(doc.RootElement, values);
        Assert.Equal("second", values[names.SlotOf(JsonPath.Parse("$.title"))].GetString());
        Assert.Equal(JsonValueKind.Undefined, values[names.SlotOf(JsonPath.Parse("$.missing"))].ValueKind);
    }
}
