using Custody.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Custody.Web.Pages;

/// <summary>The one mapping of typed failures to a page's error summary (each error names its field).</summary>
public static class PageErrors
{
    public static void Add(ModelStateDictionary modelState, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(failure);
        var errors = failure is Invalid invalid ? invalid.Errors : [new FieldError("", failure.Message)];
        foreach (var error in errors)
        {
            modelState.AddModelError(string.Empty, error.Field.Length > 0 ? $"{error.Field}: {error.Message}" : error.Message);
        }
    }
}
