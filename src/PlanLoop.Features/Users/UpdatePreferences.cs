using Microsoft.AspNetCore.Identity;
using PlanLoop.Domain.Formatting;

namespace PlanLoop.Features.Users;

public sealed record UserPreferences(string Language, AmountStyle AmountStyle);

/// <summary>Reads and saves a user's language and amount style.</summary>
public sealed class UpdatePreferences(UserManager<PlanLoopUser> users)
{
    public async Task<UserPreferences?> Get(string userId)
        => await users.FindByIdAsync(userId) is { } u ? new UserPreferences(u.Language, u.AmountStyle) : null;

    /// <summary>Saves what is given (null keeps the current value). Returns null when the user does not exist.</summary>
    public async Task<UserPreferences?> Handle(string userId, string? language, AmountStyle? style)
    {
        if (language is not null && !Languages.IsSupported(language))
            throw new ArgumentException($"Language '{language}' is not supported; use {string.Join(" or ", Languages.All)}.", nameof(language));
        var user = await users.FindByIdAsync(userId);
        if (user is null) return null;
        user.Language = language ?? user.Language;
        user.AmountStyle = style ?? user.AmountStyle;
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
            throw new InvalidOperationException(string.Join("; ", saved.Errors.Select(e => e.Description)));
        return new UserPreferences(user.Language, user.AmountStyle);
    }
}
