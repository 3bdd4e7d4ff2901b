using System.Text.Json.Nodes;
using Custody.Agreements;

namespace Custody.Core.Tests.Agreements;

public sealed class CompareVersionsTests
{
    [Fact]
    public void Flatten_CategoriesById_AndScalarsByPath()
    {
        var version = JsonNode.Parse("""
            {"number": 2, "categories": [{"id": "convicted", "kind": "convicted", "enacted": true, "excludeOffenseCategories": ["immigration"]}],
             "tariff": {"currency": "USD", "perPersonDay": "54.79"}, "personCap": 300}
            """)!.AsObject();

        var leaves = CompareVersions.Flatten(version);

        Assert.Equal("true", leaves["categories[convicted].enacted"]);
        Assert.Equal("[\"immigration\"]", leaves["categories[convicted].excludeOffenseCategories"]);
        Assert.Equal("54.79", leaves["tariff.perPersonDay"]);
        Assert.Equal("300", leaves["personCap"]);
    }
}
