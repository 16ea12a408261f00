using Microsoft.AspNetCore.Identity;
using PlanLoop.Domain.Formatting;

namespace PlanLoop.Features.Users;

/// <summary>A login. Carries the person's display preferences: UI language and how amounts are shown.</summary>
public sealed class PlanLoopUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>"zh-CN" (default) or "en".</summary>
    public string Language { get; set; } = Languages.Chinese;

    public AmountStyle AmountStyle { get; set; } = AmountStyle.WanYi;

    /// <summary>The person of the organisation this login belongs to, if any.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>When an admin disabled the login (it cannot sign in and its sessions end); null while it is in use.</summary>
    public DateTime? DisabledAt { get; set; }
}

public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Chinese, English];

    public static bool IsSupported(string? language) => language is Chinese or English;
}
