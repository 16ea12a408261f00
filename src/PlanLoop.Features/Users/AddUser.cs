using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution;

namespace PlanLoop.Features.Users;

/// <summary>A new login. <c>Person</c> names the person of the organisation it belongs to (name, e-mail or external id; instead of <c>PersonId</c>): their data scope follows from it.</summary>
public sealed record AddUserInput(string UserName, string Password, IReadOnlyList<string> Roles, string? DisplayName = null, string? Email = null, Guid? PersonId = null,
    string? Person = null);

/// <summary>The outcome of adding a user: the errors name the field they are about.</summary>
public sealed record AddUserResult(string? UserId, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => UserId is not null;
}

/// <summary>Creates a login with its roles. The only way to get the first admin outside demo mode.</summary>
public sealed class AddUser(UserManager<PlanLoopUser> users, RoleManager<IdentityRole> roles, IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<AddUserResult> Handle(AddUserInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var wanted = new List<string>();
        foreach (var r in input.Roles)
        {
            if (Roles.Normalize(r) is { } known) wanted.Add(known);
            else errors["roles"] = [$"'{r}' is not a role. Roles: {string.Join(", ", Roles.All)}."];
        }
        if (wanted.Count == 0 && !errors.ContainsKey("roles"))
            errors["roles"] = ["At least one role is required."];
        if (string.IsNullOrWhiteSpace(input.UserName))
            errors["userName"] = ["The user name is required."];
        else if (await users.FindByNameAsync(input.UserName.Trim()) is not null)
            errors["userName"] = [$"A user named '{input.UserName.Trim()}' already exists."];
        var personId = input.PersonId;
        string? personName = null;
        if (!string.IsNullOrWhiteSpace(input.Person) || personId is not null)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!string.IsNullOrWhiteSpace(input.Person))
            {
                var (found, problem, _) = (await PeopleLookup.Load(db, ct)).Find(input.Person.Trim());
                if (found is null) errors["person"] = [problem!];
                personId = found;
            }
            if (personId is { } id) personName = await db.People.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(ct);
        }
        if (personId is { } pid && await users.Users.Where(u => u.PersonId == pid).Select(u => u.UserName).FirstOrDefaultAsync(ct) is { } taken)
            errors["person"] = [$"该人员已有登录 '{taken}'。"];
        if (errors.Count > 0) return new AddUserResult(null, errors);

        await EnsureRoles(ct);
        var user = new PlanLoopUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = !string.IsNullOrWhiteSpace(input.DisplayName) ? input.DisplayName.Trim() : personName ?? input.UserName.Trim(),
            Email = input.Email,
            EmailConfirmed = input.Email is not null,
            PersonId = personId,
        };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
            return new AddUserResult(null, created.Errors
                .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        var added = await users.AddToRolesAsync(user, wanted.Distinct());
        if (!added.Succeeded)
            throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
        return new AddUserResult(user.Id, errors);
    }

    public async Task EnsureRoles(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
    }
}
