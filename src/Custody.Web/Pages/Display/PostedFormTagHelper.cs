using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Custody.Web.Pages.Display;

/// <summary>
/// Numbers every POST form of a page in the order it is rendered and posts the number back, so that
/// when the page comes back with errors the fields of the form that was sent — not its namesakes in the
/// other rows of a table — show them (<see cref="FieldErrorTagHelper"/>). A refused command changes
/// nothing, so the page renders the same forms in the same order and the numbers match.
/// </summary>
[HtmlTargetElement("form")]
public sealed class PostedFormTagHelper : TagHelper
{
    /// <summary>The hidden field carrying the form's number.</summary>
    public const string Field = "__form";

    private static readonly object Counter = new();

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    private string? number;

    /// <summary>
    /// In <c>Init</c>, not <c>Process</c>: the framework's end-of-form helper renders the form's content
    /// in its own <c>Process</c>, and the fields must know by then whether their form was the one posted.
    /// </summary>
    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.Equals(context.AllAttributes["method"]?.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var http = ViewContext.HttpContext;
        var count = ((http.Items[Counter] as int?) ?? 0) + 1;
        http.Items[Counter] = count;
        number = count.ToString(CultureInfo.InvariantCulture);
        context.Items[typeof(PostedFormTagHelper)] = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            && http.Request.Form[Field] == number;
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (number is not null)
        {
            output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{Field}\" value=\"{number}\" />");
        }
    }
}
