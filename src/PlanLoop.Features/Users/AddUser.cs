using Microsoft.AspNetCore.Identity;

namespace PlanLoop.Features.Users;

public sealed record AddUserInput(string UserName, string Password, IReadOnlyList<string> Roles, string? DisplayName = null, string? Email = null, Guid? PersonId = null);

/// <summary>The outcome of adding a user: the errors name the field they are about.</summary>
public sealed record AddUserResult(string? UserId, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => UserId is not null;
}

/// <summary>Creates a login with its roles. The only way to get the first admin outside demo mode.</summary>
public sealed class AddUser(UserManager<PlanLoopUser> users, RoleManager<IdentityRole> roles)
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
        if (errors.Count > 0) return new AddUserResult(null, errors);

        await EnsureRoles(ct);
        var user = new PlanLoopUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? input.UserName.Trim() : input.DisplayName.Trim(),
            Email = input.Email,
            EmailConfirmed = input.Email is not null,
            PersonId = input.PersonId,
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
