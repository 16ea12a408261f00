using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Organisation;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Demo;

public class LoadDemoDataTests
{
    static async Task<DemoLoadResult> Load(TestDatabase db, bool customers = false)
    {
        await using var scope = db.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LoadDemoData>().Handle(TestContext.Current.CancellationToken, customers);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handle_Twice_LoadsTheSeedOrganisationOnce(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);

        var first = await Load(db, customers: true);
        var second = await Load(db, customers: true);

        Assert.Equal(new DemoLoadResult(Regions: 4, ProductLines: 3, Products: 9, Channels: 4, Teams: 4, People: 34, Users: 9, Plans: 1, Accounts: 1230, CustomerRecords: 17721), first);
        Assert.Equal(0, second.Total);
        await using var context = db.NewContext();
        Assert.Equal(34, await context.People.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1230, await context.Accounts.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(9, await context.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetOrganisation_AfterDemo_ShowsSeedPlanSection5Point1(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);
        await Load(db);

        var org = await db.Get<GetOrganisation>().Handle(TestContext.Current.CancellationToken);

        Assert.Equal(["华东区", "华南区", "华北区", "西南区"], org.Regions.Select(r => r.Name));
        Assert.Equal(["核心产品A", "增长产品B", "培育产品C"], org.ProductLines.Select(r => r.Name));
        Assert.Equal(["直销团队", "渠道代理", "线上销售", "战略合作伙伴"], org.Channels.Select(r => r.Name));
        Assert.Equal(
            [("KA", 5, 5), ("SMB", 15, 15), ("CHANNEL", 5, 5), ("OPS", 3, 3)],
            org.Teams.Select(t => (t.Code, t.PlannedHeadcount, t.ActualHeadcount)));
        Assert.Equal(28, org.PlannedHeadcount);
        Assert.Equal(34, org.ActualHeadcount);     // the director and the CS team of §4.5 sit outside the four departments
        Assert.Equal("王建国", org.People[0].Name);  // people without a team (the director) come first
        Assert.Null(org.People[0].TeamCode);
        Assert.Equal([5, 4, 3, 2], new[] { "EAST", "SOUTH", "NORTH", "SOUTHWEST" }.Select(r => org.People.Count(p => p.TeamCode == "SMB" && p.RegionCode == r)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handle_DemoUsers_HaveOneRoleEachAndTheirPerson(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);
        await Load(db);

        await using var context = db.NewContext();
        var rows = await (
            from u in context.Users
            join ur in context.UserRoles on u.Id equals ur.UserId
            join r in context.Roles on ur.RoleId equals r.Id
            join p in context.People on u.PersonId equals p.Id into up
            from p in up.DefaultIfEmpty()
            orderby u.UserName
            select new { u.UserName, Role = r.Name, Person = p == null ? null : p.Name })
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [("admin", Roles.Admin, null), ("cs", Roles.CustomerSuccess, "孔悦"), ("director", Roles.Director, "王建国"),
             ("finance", Roles.Finance, null), ("manager", Roles.Manager, "李志强"), ("manager-channel", Roles.Manager, "梁晨"),
             ("manager-smb", Roles.Manager, "赵敏"), ("rep", Roles.Rep, "张伟"),
             ("salesops", Roles.SalesOps, "冯晓")],
            rows.Select(r => (r.UserName, r.Role, (string?)r.Person)));
    }
}
