using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Customers;

public sealed class AccountScopeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARepSeesWhatTheyOwnOrAdvise_AManagerTheirTeams_ADirectorAll(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        await Customers.Add(test, "张伟的客户", owner: "张伟");
        await Customers.Add(test, "刘洋的客户", owner: "刘洋");                    // KA, like 张伟
        await Customers.Add(test, "黄磊的客户", owner: "黄磊");                    // SMB
        await Customers.Add(test, "张伟顾问的客户", owner: "黄磊", advisor: "张伟");
        var viewers = test.Get<GetViewer>();
        var list = test.Get<ListAccounts>();
        async Task<string[]> Names(string user, string role) =>
            (await list.Handle(new AccountQuery(Sort: AccountSort.Name, Descending: false), await viewers.Handle(user, [role], ct), ct)).Rows.Select(r => r.Name).ToArray();

        Assert.Equal(["张伟的客户", "张伟顾问的客户"], (await Names("rep", Roles.Rep)).Order(StringComparer.Ordinal));
        Assert.Equal(["刘洋的客户", "张伟的客户", "张伟顾问的客户"], (await Names("manager", Roles.Manager)).Order(StringComparer.Ordinal));
        Assert.Equal(4, (await Names("director", Roles.Director)).Length);
        Assert.Empty(await Names("someone-without-a-person", Roles.Rep));

        // Out of scope is "not found", for reading and for editing.
        await using var db = test.NewContext();
        var other = await db.Accounts.SingleAsync(a => a.Name == "黄磊的客户", ct);
        var rep = await viewers.Handle("rep", [Roles.Rep], ct);
        Assert.Null(await test.Get<GetAccount>().Handle(other.Id, rep, ct));
        Assert.Equal(EditOutcome.NotFound, (await test.Get<EditAccount>().Update(other.Id, other.ToDetails() with { Industry = "零售" }, other.Revision, rep, ct)).Outcome);

        // Nor can a rep hang their own account, new or old, under someone else's: that writes into the other account's group.
        var child = await test.Get<EditAccount>().Create(new AccountDetails("张伟的子公司", ParentId: other.Id), rep, ct);
        Assert.Equal("上级客户不存在,或不在你的数据范围内。", child.Errors!["parentId"].Single());
        var own = await db.Accounts.AsNoTracking().SingleAsync(a => a.Name == "张伟的客户", ct);
        var moved = await test.Get<EditAccount>().Update(own.Id, own.ToDetails() with { ParentId = other.Id }, own.Revision, rep, ct);
        Assert.Equal(["parentId"], moved.Errors!.Keys);
        var imported = await test.Get<AccountFiles>().Import(ImportKind.Accounts, new MemoryStream("名称,上级客户\n张伟的新子公司,黄磊的客户\n"u8.ToArray()), "a.csv", null, false, rep, ct);
        Assert.Equal("上级客户 '黄磊的客户' 不在你的数据范围内。", imported.Errors.Single().Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Edit_RefusesDuplicates_AndAStaleRevisionIsAConflict(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var edit = test.Get<EditAccount>();
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], ct);
        var created = await edit.Create(new AccountDetails("苏州天成精密制造有限公司"), director, ct);
        Assert.Equal(EditOutcome.Saved, created.Outcome);

        var duplicate = await edit.Create(new AccountDetails("苏州 天成精密制造 股份有限公司"), director, ct);
        Assert.Equal("与已有客户“苏州天成精密制造有限公司”重名(忽略空格、括号和公司类型后相同)。", duplicate.Errors!["name"].Single());
        var badCode = await edit.Create(new AccountDetails("另一家公司", CreditCode: "91310000MA1FL000XX"), director, ct);
        Assert.Equal(["creditCode"], badCode.Errors!.Keys);

        var first = await edit.Update(created.Id!.Value, new AccountDetails("苏州天成精密制造有限公司", Industry: "制造业"), 1, director, ct);
        var stale = await edit.Update(created.Id!.Value, new AccountDetails("苏州天成精密制造有限公司", Industry: "零售"), 1, director, ct);
        Assert.Equal((EditOutcome.Saved, EditOutcome.Conflict), (first.Outcome, stale.Outcome));
        await using var db = test.NewContext();
        Assert.Equal("制造业", await db.Accounts.Select(a => a.Industry).SingleAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACreditCodeOutsideTheScope_IsRefused_WithoutSayingWhoseItIs(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        var huang = await Customers.Add(test, "黄磊的客户", owner: "黄磊");
        await using var db = test.NewContext();
        var foreign = await db.Accounts.SingleAsync(a => a.Id == huang, ct);
        foreign.Update(foreign.ToDetails() with { CreditCode = "91310000MA1FL3YX0" + CreditCode.CheckCharacter("91310000MA1FL3YX0") }, DateTime.UtcNow);
        await db.SaveChangesAsync(ct);

        var created = await test.Get<EditAccount>().Create(new AccountDetails("张伟的新客户", CreditCode: foreign.CreditCode), rep, ct);
        Assert.Equal("统一社会信用代码已属于另一个不在你数据范围内的客户。", created.Errors!["creditCode"].Single());
        var named = await test.Get<EditAccount>().Create(new AccountDetails(foreign.Name), rep, ct);
        Assert.Equal("与一个不在你数据范围内的已有客户重名(忽略空格、括号和公司类型后相同)。", named.Errors!["name"].Single());
        var imported = await test.Get<AccountFiles>().Import(ImportKind.Accounts, new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"名称,统一社会信用代码\n张伟的新客户,{foreign.CreditCode}\n")),
            "a.csv", null, true, rep, ct);
        Assert.Equal(("统一社会信用代码", "这个统一社会信用代码的客户已存在,但不在你的数据范围内。"), (imported.Errors.Single().Column, imported.Errors.Single().Message));
        // The director sees it, and is told whose it is.
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], ct);
        Assert.Equal($"统一社会信用代码已属于客户“{foreign.Name}”。", (await test.Get<EditAccount>().Create(new AccountDetails("新客户", CreditCode: foreign.CreditCode), director, ct)).Errors!["creditCode"].Single());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARepGivesAccountsOnlyToThemselves_AManagerToTheirTeam_ByPageApiAndImportAlike(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], ct);
        var manager = await test.Get<GetViewer>().Handle("manager", [Roles.Manager], ct);
        await using var db = test.NewContext();
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Name, ct);
        var outsider = people.Values.First(p => p.TeamId != manager.TeamId && p.TeamId is not null);
        var teammate = people.Values.First(p => p.TeamId == manager.TeamId && p.Id != rep.PersonId);

        var given = await test.Get<EditAccount>().Create(new AccountDetails("张伟送出的客户", OwnerId: teammate.Id), rep, ct);
        Assert.Equal("只能把客户分给自己。", given.Errors!["ownerId"].Single());
        var imported = await test.Get<AccountFiles>().Import(ImportKind.Accounts, new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"名称,负责人\n张伟导入的客户,{teammate.Name}\n")), "a.csv", null, false, rep, ct);
        Assert.Equal(("负责人", "只能把客户分给自己。"), (imported.Errors.Single().Column, imported.Errors.Single().Message));
        Assert.Equal("只能把客户分给自己或本团队的成员。", (await test.Get<EditAccount>().Create(new AccountDetails("经理给外队的客户", OwnerId: outsider.Id), manager, ct)).Errors!["ownerId"].Single());
        Assert.Equal(EditOutcome.Saved, (await test.Get<EditAccount>().Create(new AccountDetails("经理给本队的客户", OwnerId: teammate.Id), manager, ct)).Outcome);
        Assert.False(await db.Accounts.AnyAsync(a => a.Name == "张伟送出的客户" || a.Name == "张伟导入的客户" || a.Name == "经理给外队的客户", ct));
    }
}
