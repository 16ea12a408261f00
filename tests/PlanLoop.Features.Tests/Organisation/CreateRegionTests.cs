using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;
using PlanLoop.Features.Organisation;

namespace PlanLoop.Features.Tests.Organisation;

public class CreateRegionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handle_NewCode_AddsRegionAfterTheOthers(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);
        var create = db.Get<CreateRegion>();

        var east = await create.Handle(new CreateRegionInput("east", "华东区", "East China"), TestContext.Current.CancellationToken);
        var west = await create.Handle(new CreateRegionInput(" west ", " 西北区 ", "Northwest China"), TestContext.Current.CancellationToken);

        Assert.Equal(("EAST", "华东区"), (east!.Code, east.Name));
        Assert.Equal(("WEST", "西北区"), (west!.Code, west.Name));
        var org = await db.Get<GetOrganisation>().Handle(TestContext.Current.CancellationToken);
        Assert.Equal(["EAST", "WEST"], org.Regions.Select(r => r.Code));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Handle_DuplicateCode_ReturnsNullAndKeepsTheFirst(DbProvider provider)
    {
        await using var db = await TestDatabase.Create(provider);
        var create = db.Get<CreateRegion>();
        await create.Handle(new CreateRegionInput("EAST", "华东区", "East China"), TestContext.Current.CancellationToken);

        var duplicate = await create.Handle(new CreateRegionInput("east", "另一个", "Another"), TestContext.Current.CancellationToken);

        Assert.Null(duplicate);
        await using var context = db.NewContext();
        Assert.Equal(["华东区"], await context.Regions.Select(r => r.Name).ToListAsync(TestContext.Current.CancellationToken));
    }
}
