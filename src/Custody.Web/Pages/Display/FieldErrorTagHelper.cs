using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Custody.Web.Pages.Display;

/// <summary>
/// Each error beside its field (USWDS error message), on every form without each page saying so: an
/// input, select or textarea of the form that was posted shows the errors named after it, from the
/// refused command (<see cref="PageErrors"/>, matched on the field's name or its last segment, so
/// <c>Form.Sanction</c> shows <c>sanction</c>) and from model binding; the field is marked invalid and
/// described by the message. The page's error summary still lists them all.
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
public sealed class FieldErrorTagHelper : TagHelper
{
    private static readonly object Counter = new();

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>After the framework's own helpers, which set the name of an <c>asp-for</c> field.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!context.Items.TryGetValue(typeof(PostedFormTagHelper), out var posted) || posted is not true
            || output.Attributes["name"]?.Value?.ToString() is not { Length: > 0 } name
            || string.Equals(output.Attributes["type"]?.Value?.ToString(), "hidden", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var messages = PageErrors.ForField(ViewContext.HttpContext, name)
            .Concat(ViewContext.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [])
            .Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (messages.Count == 0)
        {
            return;
        }
        var http = ViewContext.HttpContext;
        var number = ((http.Items[Counter] as int?) ?? 0) + 1;
        http.Items[Counter] = number;
        var id = output.Attributes["id"]?.Value?.ToString() ?? $"field-{number}";
        var errorId = $"{id}-error";
        output.Attributes.SetAttribute("id", id);
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", describedBy is null ? errorId : $"{describedBy} {errorId}");
        output.AddClass("usa-input--error", HtmlEncoder.Default);
        output.PreElement.AppendHtml($"<span class=\"usa-error-message\" id=\"{errorId}\">");
        output.PreElement.Append(string.Join(" ", messages));
        output.PreElement.AppendHtml("</span>");
    }
}
