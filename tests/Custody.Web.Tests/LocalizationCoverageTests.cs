using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Custody.Web.Tests;

/// <summary>
/// Two languages: every text a page asks the localizer for by a literal key has a Spanish entry
/// (the localizer falls back to the English key silently, so a missing one would go unnoticed).
/// Keys match case-insensitively, as the localizer looks them up.
/// </summary>
public sealed partial class LocalizationCoverageTests
{
    internal static DirectoryInfo WebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var web = new DirectoryInfo(Path.Combine(dir.FullName, "src", "Custody.Web"));
            if (web.Exists)
            {
                return web;
            }
        }
        throw new DirectoryNotFoundException("src/Custody.Web not found above the test's directory.");
    }

    [Fact]
    public void EveryLiteralKeyInThePages_HasASpanishEntry()
    {
        var web = WebProject();
        var spanish = XDocument.Load(Path.Combine(web.FullName, "Resources", "SharedResource.es.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pages = web.GetDirectories("Pages").Single().EnumerateFiles("*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file.FullName)).Select(m => (File: file.Name, Key: Regex.Unescape(m.Groups[1].Value))));
        // Charts and reports take their words through a text(...) function backed by the same localizer.
        var reports = web.GetDirectories("Reports").Single().EnumerateFiles("*.cs")
            .SelectMany(file => ReportKey().Matches(File.ReadAllText(file.FullName)).Select(m => (File: file.Name, Key: Regex.Unescape(m.Groups[1].Value))));
        var missing = pages.Concat(reports)
            .Where(k => !spanish.Contains(k.Key)).Select(k => $"{k.File}: {k.Key}").Distinct().ToList();

        Assert.True(missing.Count == 0, "No Spanish for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void TheSpanishResources_HaveNoKeysThatDifferOnlyInCase()
    {
        var names = XDocument.Load(Path.Combine(WebProject().FullName, "Resources", "SharedResource.es.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        var clashes = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();

        Assert.True(clashes.Count == 0, "Keys differing only in case: " + string.Join("; ", clashes));
    }

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""\btext\("((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex ReportKey();
}
