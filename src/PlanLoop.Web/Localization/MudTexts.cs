using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PlanLoop.Web.Localization;

/// <summary>
/// MudBlazor's own texts (pager, loading, close buttons …) from our resources under the key
/// <c>Mud.{MudBlazor's key}</c>, so a Chinese page never says "Rows per page". A key we do not carry
/// falls back to MudBlazor's English.
/// </summary>
public sealed class MudTexts(IStringLocalizer<SharedResource> texts) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = texts[$"Mud.{key}"];
            return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
        }
    }
}
