using PlanLoop.Features.Users;

namespace PlanLoop.Features.Demo;

/// <summary>One demo login per role (and one per team manager). Exists only in demo mode; the login page lists them.</summary>
public static class DemoUsers
{
    public const string Password = "PlanLoop-2024";

    public static readonly IReadOnlyList<(string UserName, string Role, string DisplayName)> All =
    [
        ("admin", Roles.Admin, "系统管理员"),
        ("director", Roles.Director, "王建国"),
        ("salesops", Roles.SalesOps, "冯晓"),
        ("manager", Roles.Manager, "李志强"),
        // Every team manager has a login, so a contract waiting at a manager's approval step always has someone to approve it.
        ("manager-smb", Roles.Manager, "赵敏"),
        ("manager-channel", Roles.Manager, "梁晨"),
        ("rep", Roles.Rep, "张伟"),
        ("finance", Roles.Finance, "钱芳"),
        ("cs", Roles.CustomerSuccess, "孔悦"),
    ];
}
