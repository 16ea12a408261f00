namespace PlanLoop.Web.Infrastructure;

/// <summary>Whether this instance runs in demo mode (demo data and one login per role, password shown on the login page).</summary>
public sealed record PlanLoopMode(bool IsDemo, string DatabaseDescription);
