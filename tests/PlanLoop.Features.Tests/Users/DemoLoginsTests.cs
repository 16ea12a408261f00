using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Users;

public class DemoLoginsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OutsideDemoMode_TheDemoLoginsWithThePublishedPasswordAreLocked_ARealUserIsNot_AndDemoModeUnlocksThem(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.Create(provider);
        await using (var scope = db.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LoadDemoData>().Handle(ct);
            // The company's director took over the "director" login and changed its password: a real user now.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanLoopUser>>();
            var director = (await users.FindByNameAsync("director"))!;
            Assert.True((await users.ChangePasswordAsync(director, DemoUsers.Password, "Our-Own-Secret-2026")).Succeeded);
        }

        async Task<(int Changed, string[] Locked)> Run(bool demo)
        {
            await using var scope = db.Services.CreateAsyncScope();
            var changed = await scope.ServiceProvider.GetRequiredService<DemoLogins>().Handle(demo, ct);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlanLoopUser>>();
            var locked = new List<string>();
            foreach (var (name, _, _) in DemoUsers.All)
                if (await users.IsLockedOutAsync((await users.FindByNameAsync(name))!)) locked.Add(name);
            return (changed, [.. locked]);
        }

        var off = await Run(demo: false);
        Assert.Equal(DemoUsers.All.Count - 1, off.Changed);
        Assert.Equal(DemoUsers.All.Select(u => u.UserName).Where(n => n != "director"), off.Locked);
        var again = await Run(demo: false);                         // a second start changes nothing
        Assert.Equal(0, again.Changed);
        Assert.Equal(off.Locked, again.Locked);
        var on = await Run(demo: true);
        Assert.Equal((DemoUsers.All.Count - 1, 0), (on.Changed, on.Locked.Length));
    }
}
