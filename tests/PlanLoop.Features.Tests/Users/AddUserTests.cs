using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Formatting;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Users;

public class AddUserTests
{
    static async Task<AddUserResult> Add(TestDatabase db, AddUserInput input)
    {
        await using var scope = db.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AddUser>().Handle(input, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handle_FirstAdmin_CanSignInWithThePassword(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);

        var result = await Add(db, new AddUserInput("alice", "Secret-2024", ["admin"]));

        Assert.True(result.Succeeded);
        await using var scope = db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PlanLoopUser>>();
        var alice = await users.FindByNameAsync("alice");
        Assert.NotNull(alice);
        Assert.True(await users.CheckPasswordAsync(alice, "Secret-2024"));
        Assert.Equal([Roles.Admin], await users.GetRolesAsync(alice));
        Assert.Equal((Languages.Chinese, AmountStyle.WanYi), (alice.Language, alice.AmountStyle));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handle_BadInput_NamesEachFieldAndWritesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);
        await Add(db, new AddUserInput("alice", "Secret-2024", [Roles.Admin]));

        var duplicate = await Add(db, new AddUserInput("alice", "Secret-2024", [Roles.Rep]));
        var badRole = await Add(db, new AddUserInput("bob", "Secret-2024", ["Boss"]));
        var noRole = await Add(db, new AddUserInput("bob", "Secret-2024", []));
        var weak = await Add(db, new AddUserInput("bob", "short", [Roles.Rep]));

        Assert.Equal(["userName"], duplicate.Errors.Keys);
        Assert.Contains("already exists", duplicate.Errors["userName"][0], StringComparison.Ordinal);
        Assert.Equal(["roles"], badRole.Errors.Keys);
        Assert.Contains("'Boss' is not a role", badRole.Errors["roles"][0], StringComparison.Ordinal);
        Assert.Equal(["roles"], noRole.Errors.Keys);
        Assert.Equal(["password"], weak.Errors.Keys);
        await using var context = db.NewContext();
        Assert.Equal(["alice"], await context.Users.Select(u => u.UserName).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UpdatePreferences_SavesLanguageAndAmountStyle(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);
        var added = await Add(db, new AddUserInput("alice", "Secret-2024", [Roles.Rep]));
        await using var scope = db.Services.CreateAsyncScope();
        var prefs = scope.ServiceProvider.GetRequiredService<UpdatePreferences>();

        var english = await prefs.Handle(added.UserId!, Languages.English, null);
        var full = await prefs.Handle(added.UserId!, null, AmountStyle.Full);

        Assert.Equal(new UserPreferences(Languages.English, AmountStyle.WanYi), english);
        Assert.Equal(new UserPreferences(Languages.English, AmountStyle.Full), full);
        Assert.Equal(full, await prefs.Get(added.UserId!));
        Assert.Null(await prefs.Handle("no-such-user", Languages.English, null));
        await Assert.ThrowsAsync<ArgumentException>(() => prefs.Handle(added.UserId!, "fr", null));
    }
}
