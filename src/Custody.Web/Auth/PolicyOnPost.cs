using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Custody.Web.Auth;

/// <summary>
/// A page filter that holds every POST of the pages it is put on to one more policy, whichever
/// handler the form names: a handler that forgets to ask cannot be the side road past the rule.
/// Used for <c>/Accounts</c>, whose changes need a recent sign-in (<see cref="Policies.ChangeAccounts"/>).
/// </summary>
public sealed class PolicyOnPost(string policy) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !(await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, policy)).Succeeded)
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
