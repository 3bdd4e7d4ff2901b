using System.CommandLine;
using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Custody.Cli;

/// <summary>
/// <c>custody users</c>: accounts and role grants from the operator's terminal. Each change is a
/// ledger entry naming the operator, the account, the role and the reason.
/// </summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var database = CliDatabase.Option();
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the ledger).", Required = true };
        var email = new Argument<string>("EMAIL") { Description = "The account's e-mail address." };

        var roles = new Option<string[]>("--role") { Description = $"A role (repeatable): {string.Join(", ", Roles.All)}.", Required = true };
        var name = new Option<string>("--name") { Description = "The person's name as shown in the app.", DefaultValueFactory = _ => "" };
        var create = new Command("create", "Create an account with its roles (privileged ones wait for an administrator's approval); prints the one-time link through which its holder sets a password.")
            { email, roles, name, reason, database };
        create.SetAction((parse, ct) => RunAsync(parse, database, async use =>
            Described(await use.GetRequiredService<CreateAccount>().HandleAsync(parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(roles)!, parse.GetValue(reason)!, CliDatabase.Actor, ct), "created"), ct));

        var createAdmin = new Command("create-admin", "Create an administrator directly: only while fewer than two enabled administrators exist (afterwards one asks, another approves).")
            { email, name, reason, database };
        createAdmin.SetAction((parse, ct) => RunAsync(parse, database, async use =>
            Described(await use.GetRequiredService<CreateAdministrator>().HandleAsync(parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(reason)!, CliDatabase.Actor, ct), "created"), ct));

        var reset = new Command("reset", "Reset an account's sign-in: removes its password, ends its sessions and tokens, prints a new one-time link.") { email, reason, database };
        reset.SetAction((parse, ct) => RunAsync(parse, database, async use =>
            Described(await use.GetRequiredService<ResetSignIn>().HandleAsync(parse.GetValue(email)!, parse.GetValue(reason)!, CliDatabase.Actor, ct), "reset"), ct));

        var requests = new Command("requests", "List the privileged role grants waiting for a second administrator's approval.") { database };
        requests.SetAction((parse, ct) => RunAsync(parse, database, async use =>
            Result<string>.Ok(string.Join('\n', (await use.GetRequiredService<ReadAccounts>().PendingGrantsAsync(ct)).Select(p => $"{p.Grant.Id}\t{p.Email}\t{p.Grant.Role}\tasked for by {p.Grant.RequestedBy}: {p.Grant.Reason}"))), ct));

        var requestId = new Argument<Guid>("REQUEST") { Description = "The grant request's id (custody users requests)." };
        var approve = new Command("approve", "Approve a pending grant (not one you asked for).") { requestId, database };
        approve.SetAction((parse, ct) => RunAsync(parse, database, async use =>
            Summary("approve", await use.GetRequiredService<ApproveRoleGrant>().HandleAsync(parse.GetValue(requestId), CliDatabase.Actor, ct)), ct));
        var reject = new Command("reject", "Refuse a pending grant, with a reason.") { requestId, reason, database };
        reject.SetAction((parse, ct) => RunAsync(parse, database, async use =>
            Summary("reject", await use.GetRequiredService<RejectRoleGrant>().HandleAsync(parse.GetValue(requestId), parse.GetValue(reason)!, CliDatabase.Actor, ct)), ct));

        var list = new Command("list", "List accounts, their roles and whether they are enabled.") { database };
        list.SetAction((parse, ct) => RunAsync(parse, database, async use =>
            Result<string>.Ok(string.Join('\n', (await use.GetRequiredService<ReadAccounts>().ListAsync(ct)).Select(a => $"{a.Email}\t{(a.Disabled ? "disabled" : "enabled")}\t{string.Join(",", a.Roles)}"))), ct));

        return new Command("users", "Accounts and roles; every change is ledgered.")
        {
            create,
            createAdmin,
            list,
            reset,
            requests,
            approve,
            reject,
            Change("disable", "Disable an account: it can no longer sign in.", database, email, reason, null, (use, p, r, ct) => use.GetRequiredService<DisableAccount>().HandleAsync(p.GetValue(email)!, p.GetValue(reason)!, CliDatabase.Actor, ct)),
            Change("enable", "Enable a disabled account again.", database, email, reason, null, (use, p, r, ct) => use.GetRequiredService<EnableAccount>().HandleAsync(p.GetValue(email)!, p.GetValue(reason)!, CliDatabase.Actor, ct)),
            Change("grant", "Grant a role.", database, email, reason, new Argument<string>("ROLE"), (use, p, r, ct) => use.GetRequiredService<GrantRole>().HandleAsync(p.GetValue(email)!, p.GetValue(r!)!, p.GetValue(reason)!, CliDatabase.Actor, ct)),
            Change("revoke", "Revoke a role.", database, email, reason, new Argument<string>("ROLE"), (use, p, r, ct) => use.GetRequiredService<RevokeRole>().HandleAsync(p.GetValue(email)!, p.GetValue(r!)!, p.GetValue(reason)!, CliDatabase.Actor, ct)),
        };
    }

    private static Command Change(string verb, string description, Option<string?> database, Argument<string> email, Option<string> reason, Argument<string>? role,
        Func<IServiceProvider, ParseResult, Argument<string>?, CancellationToken, Task<Result<AccountView>>> change)
    {
        var command = new Command(verb, description) { email, reason, database };
        if (role is not null)
        {
            command.Arguments.Add(role);
        }
        command.SetAction((parse, ct) => RunAsync(parse, database, async use => Summary(verb, await change(use, parse, role, ct)), ct));
        return command;
    }

    private static Result<string> Summary(string verb, Result<AccountView> result) => result.Value is { } a
        ? Result<string>.Ok($"{verb}: {a.Email} is {(a.Disabled ? "disabled" : "enabled")}, roles {string.Join(", ", a.Roles)}"
            + (a.Pending.Count > 0 ? $"; waiting for approval: {string.Join(", ", a.Pending.Select(p => $"{p.Role} ({p.Id})"))}" : ""))
        : result.Failure!;

    // The link is a path on the web app; it is printed once and stored only as a hash.
    private static Result<string> Described(Result<AccountLink> result, string verb) => result.Value is { } link
        ? Result<string>.Ok(Summary(verb, link.Account).Value + $"\none-time link (open on the Custody site before {link.ExpiresAt:u}): {link.Path}")
        : result.Failure!;

    private static async Task<int> RunAsync(ParseResult parse, Option<string?> database, Func<IServiceProvider, Task<Result<string>>> run, CancellationToken cancellationToken)
    {
        var db = await CliDatabase.OpenAsync(parse.GetValue(database), cancellationToken);
        if (db is null)
        {
            return ExitCodes.Failed;
        }
        await using (db)
        {
            using var users = NewUserManager(db);
            // The same use cases the web app runs, over this database and user manager.
            await using var provider = new ServiceCollection().AddSingleton(db).AddSingleton(users).AddSingleton(TimeProvider.System).AddCustodyUseCases().BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var result = await run(scope.ServiceProvider);
            if (result.Failure is { } failure)
            {
                await Console.Error.WriteLineAsync("error: " + (failure is Invalid invalid ? string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}")) : failure.Message));
                return failure is Invalid ? ExitCodes.InvalidInput : ExitCodes.Failed;
            }
            Console.WriteLine(result.Value);
            return ExitCodes.Ok;
        }
    }

    // The web app's Identity settings (Accounts.Configure), without the web app's services.
    private static UserManager<CustodyUser> NewUserManager(CustodyDbContext db)
    {
        var options = new IdentityOptions();
        Accounts.Configure(options);
        return new UserManager<CustodyUser>(new UserStore<CustodyUser, IdentityRole, CustodyDbContext>(db), Options.Create(options), new PasswordHasher<CustodyUser>(Options.Create(new PasswordHasherOptions { IterationCount = Accounts.PasswordHashIterations })),
            [new UserValidator<CustodyUser>()], [new PasswordValidator<CustodyUser>(), new GuessablePassword()], new UpperInvariantLookupNormalizer(), new IdentityErrorDescriber(), null!,
            NullLogger<UserManager<CustodyUser>>.Instance);
    }
}
