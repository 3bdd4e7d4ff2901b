using Custody.Common;
using Custody.Imports;
using Custody.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custody.Web.Pages.Imports;

[RequestSizeLimit(ImportsApi.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportsApi.MaxBytes)]
public sealed class IndexModel(ImportFile import, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public ImportSummary? Summary { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Errors = [new FieldError("Upload", localizer["Choose a JSON file to import."])];
            return Page();
        }
        var path = Path.GetTempFileName();
        try
        {
            await using (var target = System.IO.File.Create(path))
            {
                await Upload.CopyToAsync(target, cancellationToken);
            }
            var result = await ImportsApi.RunAsync(path, User, import, authorization, cancellationToken);
            if (result.Failure is Forbidden)
            {
                return Forbid();
            }
            if (result.Failure is Invalid invalid)
            {
                Errors = invalid.Errors;
            }
            else if (result.Failure is { } failure)
            {
                Errors = [new FieldError("Upload", failure.Message)];
            }
            Summary = result.Value;
            return Page();
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
