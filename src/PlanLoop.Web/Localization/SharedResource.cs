namespace PlanLoop.Web;

/// <summary>
/// Marker for the UI strings: Resources/SharedResource.resx holds Chinese (the default language),
/// Resources/SharedResource.en.resx English. Components ask for them by key through IStringLocalizer.
/// </summary>
public sealed class SharedResource;
