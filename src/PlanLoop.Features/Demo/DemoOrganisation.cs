using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Features.Demo;

/// <summary>
/// The organisation of the seed plan (the commissioning plan document, 销售计划制定与策略优化方案 2024, described in README): regions of §3.2,
/// product lines of §3.2, channels of §4.4 and the departments of §5.1 with their headcount.
/// The figures are the document's own, including those that do not add up.
/// </summary>
static class DemoOrganisation
{
    public static readonly (string Code, string Name, string NameEn)[] Regions =
    [
        ("EAST", "华东区", "East China"),
        ("SOUTH", "华南区", "South China"),
        ("NORTH", "华北区", "North China"),
        ("SOUTHWEST", "西南区", "Southwest China"),
    ];

    public static readonly (string Code, string Name, string NameEn)[] ProductLines =
    [
        ("CORE-A", "核心产品A", "Core product A"),
        ("GROWTH-B", "增长产品B", "Growth product B"),
        ("EMERGING-C", "培育产品C", "Emerging product C"),
    ];

    /// <summary>
    /// Each product line sold at the three levels of the pyramid (§4.2), with the pyramid's margins.
    /// List prices are demo values chosen so a typical deal lands near the plan's 13.6万 average.
    /// </summary>
    public static readonly (string Code, string Line, string Name, string NameEn, PyramidTier Tier, decimal Margin, decimal ListPrice)[] Products =
    [
        ("A-CUSTOM", "CORE-A", "核心产品A 定制化解决方案", "Core A custom solution", PyramidTier.Apex, 0.45m, 800_000m),
        ("A-PACK", "CORE-A", "核心产品A 标准产品包", "Core A standard package", PyramidTier.Body, 0.35m, 150_000m),
        ("A-SAAS", "CORE-A", "核心产品A SaaS 工具", "Core A SaaS tool", PyramidTier.Base, 0.20m, 30_000m),
        ("B-CUSTOM", "GROWTH-B", "增长产品B 定制化解决方案", "Growth B custom solution", PyramidTier.Apex, 0.45m, 600_000m),
        ("B-PACK", "GROWTH-B", "增长产品B 标准产品包", "Growth B standard package", PyramidTier.Body, 0.35m, 120_000m),
        ("B-SAAS", "GROWTH-B", "增长产品B SaaS 工具", "Growth B SaaS tool", PyramidTier.Base, 0.20m, 24_000m),
        ("C-CUSTOM", "EMERGING-C", "培育产品C 定制化解决方案", "Emerging C custom solution", PyramidTier.Apex, 0.45m, 400_000m),
        ("C-PACK", "EMERGING-C", "培育产品C 标准产品包", "Emerging C standard package", PyramidTier.Body, 0.35m, 80_000m),
        ("C-SAAS", "EMERGING-C", "培育产品C SaaS 工具", "Emerging C SaaS tool", PyramidTier.Base, 0.20m, 12_000m),
    ];

    public static readonly (string Code, string Name, string NameEn, ChannelKind Kind)[] Channels =
    [
        ("DIRECT", "直销团队", "Direct sales", ChannelKind.Direct),
        ("AGENT", "渠道代理", "Agents and resellers", ChannelKind.Agent),
        ("ONLINE", "线上销售", "Online self-service", ChannelKind.Online),
        ("PARTNER", "战略合作伙伴", "Strategic partners (ISV)", ChannelKind.Partner),
    ];

    public static readonly (string Code, string Name, string NameEn, TeamKind Kind, int Headcount, string Responsibility)[] Teams =
    [
        ("KA", "战略客户部", "Key accounts (KA)", TeamKind.KeyAccounts, 5, "负责A类客户"),
        ("SMB", "企业客户部", "SMB accounts", TeamKind.SmallAndMediumBusiness, 15, "负责B/C类客户"),
        ("CHANNEL", "渠道发展部", "Channel development", TeamKind.ChannelDevelopment, 5, "负责代理商管理"),
        ("OPS", "销售运营组", "Sales operations", TeamKind.SalesOperations, 3, "负责数据分析与支撑"),
    ];

    /// <summary>The people: team code, region code (null: all regions), position, name, user name of their demo login.</summary>
    public static readonly (string? Team, string? Region, Position Position, string Name, string? Login)[] People =
    [
        (null, null, Position.Director, "王建国", "director"),
        ("KA", null, Position.Manager, "李志强", "manager"),
        ("KA", "EAST", Position.AccountExecutive, "张伟", "rep"),
        ("KA", "SOUTH", Position.AccountExecutive, "刘洋", null),
        ("KA", "NORTH", Position.AccountExecutive, "陈静", null),
        ("KA", "EAST", Position.AccountExecutive, "杨帆", null),
        ("SMB", null, Position.Manager, "赵敏", "manager-smb"),
        ("SMB", "EAST", Position.AccountExecutive, "黄磊", null),
        ("SMB", "EAST", Position.AccountExecutive, "周婷", null),
        ("SMB", "EAST", Position.AccountExecutive, "吴昊", null),
        ("SMB", "EAST", Position.AccountExecutive, "徐丽", null),
        ("SMB", "EAST", Position.AccountExecutive, "孙浩", null),
        ("SMB", "SOUTH", Position.AccountExecutive, "马超", null),
        ("SMB", "SOUTH", Position.AccountExecutive, "朱琳", null),
        ("SMB", "SOUTH", Position.AccountExecutive, "胡斌", null),
        ("SMB", "SOUTH", Position.AccountExecutive, "郭佳", null),
        ("SMB", "NORTH", Position.AccountExecutive, "何鹏", null),
        ("SMB", "NORTH", Position.AccountExecutive, "高雪", null),
        ("SMB", "NORTH", Position.AccountExecutive, "林峰", null),
        ("SMB", "SOUTHWEST", Position.AccountExecutive, "罗娟", null),
        ("SMB", "SOUTHWEST", Position.AccountExecutive, "郑凯", null),
        ("CHANNEL", null, Position.Manager, "梁晨", "manager-channel"),
        ("CHANNEL", "EAST", Position.ChannelManager, "宋雨", null),
        ("CHANNEL", "SOUTH", Position.ChannelManager, "谢涛", null),
        ("CHANNEL", "NORTH", Position.ChannelManager, "韩梅", null),
        ("CHANNEL", "SOUTHWEST", Position.ChannelManager, "唐亮", null),
        ("OPS", null, Position.SalesOperations, "冯晓", "salesops"),
        ("OPS", null, Position.SalesOperations, "董洁", null),
        ("OPS", null, Position.SalesOperations, "萧然", null),
        // The CS team of §4.5 (客户成功): advisors of A accounts one to one, of B accounts one to ten.
        (null, null, Position.CustomerSuccess, "孔悦", "cs"),
        (null, null, Position.CustomerSuccess, "白露", null),
        (null, null, Position.CustomerSuccess, "沈洁", null),
        (null, null, Position.CustomerSuccess, "韦强", null),
        (null, null, Position.CustomerSuccess, "秦雯", null),
    ];
}
