using System.Text.RegularExpressions;

namespace Custody.Web.Tests;

/// <summary>
/// A refused form comes back with each error beside its field — in the form that was posted only (the
/// register has one assign form per person, all with a field named cellId) — and in the page's summary.
/// </summary>
public sealed partial class FieldErrorPageTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task RegisterAssignForm_RefusedCell_IsNamedBesideThePostedRowsFieldOnly()
    {
        var reception = await factory.SignedInAsync(Roles.ReceptionOfficer);
        var page = await reception.GetStringAsync("/Facilities/Register/sv-cecot");
        var person = await factory.PersonIdAsync("DEMO-HELD-2");
        var forms = FormNumber().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(forms.Count, forms.Distinct().Count());
        // The number of the assign form in DEMO-HELD-2's row.
        var row = page[page.IndexOf("data-person=\"DEMO-HELD-2\"", StringComparison.Ordinal)..];
        var assign = row[row.IndexOf("assign-form", StringComparison.Ordinal)..];
        var number = FormNumber().Match(assign).Groups[1].Value;
        Assert.NotEmpty(number);

        var refused = await reception.PostAsync("/Facilities/Register/sv-cecot?handler=Assign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = person.ToString(), ["cellId"] = "sv-izalco/Norte/01", ["__form"] = number,
            ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(page),
        }));

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        Assert.Single(ErrorMessage().Matches(html));
        var field = Invalid().Match(html);
        Assert.True(field.Success, html[html.IndexOf("id=\"held\"", StringComparison.Ordinal)..][..4000]);
        Assert.Contains("name=\"cellId\"", field.Value, StringComparison.Ordinal);
        var message = ErrorMessage().Match(html);
        Assert.Contains("this cell is at sv-izalco", message.Value, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"{message.Groups[1].Value}\"", field.Value, StringComparison.Ordinal);
        // It sits in the posted row, before the next person's row begins.
        var posted = html[html.IndexOf("data-person=\"DEMO-HELD-2\"", StringComparison.Ordinal)..];
        var at = posted.IndexOf("usa-error-message", StringComparison.Ordinal);
        Assert.True(at > 0 && at < posted.IndexOf("</tr>", StringComparison.Ordinal), posted[..Math.Min(posted.Length, 3000)]);
        Assert.Contains("cellId: The person is held at sv-cecot", html, StringComparison.Ordinal); // the summary too

        // Without the form's number (an older page, a script) the summary alone carries the error.
        var unnumbered = await (await reception.PostAsync("/Facilities/Register/sv-cecot?handler=Assign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = person.ToString(), ["cellId"] = "sv-izalco/Norte/01", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(page),
        }))).Content.ReadAsStringAsync();
        Assert.Empty(ErrorMessage().Matches(unnumbered));
        Assert.Contains("cellId: The person is held at sv-cecot", unnumbered, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__form\" value=\"(\\d+)\"")]
    private static partial Regex FormNumber();

    [GeneratedRegex("<span class=\"usa-error-message\" id=\"([^\"]+)\">([^<]*)</span>")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex("<input [^>]*aria-invalid=\"true\"[^>]*>")]
    private static partial Regex Invalid();
}
