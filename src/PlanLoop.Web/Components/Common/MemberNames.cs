using System.Globalization;
using Microsoft.Extensions.Localization;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Organisation;

namespace PlanLoop.Web.Components.Common;

/// <summary>
/// The name a person reads for a member of a monitoring dimension, in the page's language: master data by
/// its Chinese or English name, months by the culture's month name (M03 → 3月 / Mar), tiers by their label.
/// Monitoring results are cached for everyone whatever their language and carry the Chinese names; a page
/// puts them into its language here. Load once per circuit before the first use.
/// </summary>
public sealed class MemberNames(GetOrganisation organisation, IStringLocalizer<SharedResource> texts)
{
    OrganisationView? org;

    static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task Load() => org ??= await organisation.Handle(CancellationToken.None);

    /// <summary>The member <paramref name="code"/> along <paramref name="dimension"/>; <paramref name="fallback"/> (the feature's name) when it is not master data.</summary>
    public string Of(ActualDimension dimension, string? code, string? fallback = null)
    {
        if (code is null) return fallback ?? "—";
        if (dimension == ActualDimension.Month && code is ['M', ..] && int.TryParse(code[1..], out var month) && month is >= 1 and <= 12) return Charts.Month(month);
        if (dimension == ActualDimension.Tier) return texts[$"Cust.Tier.{code}"];
        return Items(dimension).Where(i => i.Code == code).Select(i => English ? i.NameEn : i.Name).FirstOrDefault() ?? fallback ?? code;
    }

    /// <summary>A master-data name as stored in Chinese (a drill-down line's region, product line, channel), in the page's language.</summary>
    public string? Named(ActualDimension dimension, string? name) =>
        name is null || !English ? name : Items(dimension).Where(i => i.Name == name).Select(i => i.NameEn).FirstOrDefault() ?? name;

    IEnumerable<(string Code, string Name, string NameEn)> Items(ActualDimension dimension)
    {
        if (org is null) throw new InvalidOperationException("Call Load() before naming members.");
        return dimension switch
        {
            ActualDimension.Region => org.Regions.Select(r => (r.Code, r.Name, r.NameEn)),
            ActualDimension.ProductLine => org.ProductLines.Select(r => (r.Code, r.Name, r.NameEn)),
            ActualDimension.Channel => org.Channels.Select(r => (r.Code, r.Name, r.NameEn)),
            ActualDimension.Team => org.Teams.Select(r => (r.Code, r.Name, r.NameEn)),
            _ => [],
        };
    }
}
