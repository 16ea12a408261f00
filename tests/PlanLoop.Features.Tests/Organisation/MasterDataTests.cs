using MiniExcelLibs;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Organisation;

namespace PlanLoop.Features.Tests.Organisation;

public class MasterDataTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<TestDatabase> Demo(DbProvider provider) => TestDatabase.CreateWithDemo(provider);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Save_ProductAndTeam_CreateThenUpdateByCode(DbProvider provider)
    {
        await using var db = await Demo(provider);
        var edit = db.Get<EditMasterData>();

        var created = await edit.Save(MasterDataKind.Product, new("d-saas", "数据服务", "Data service", ProductLine: "core-a", Tier: PyramidTier.Base, GrossMargin: 0.3m, ListPrice: 50_000m), "salesops", Ct);
        var updated = await edit.Save(MasterDataKind.Team, new("SMB", "企业客户部", "SMB accounts", TeamKind: TeamKind.SmallAndMediumBusiness, PlannedHeadcount: 25, Responsibility: "负责B/C类客户"), "salesops", Ct);

        Assert.Equal(EditOutcome.Saved, created.Outcome);
        Assert.Equal(EditOutcome.Saved, updated.Outcome);
        var org = await db.Get<GetOrganisation>().Handle(Ct);
        Assert.Equal(("CORE-A", PyramidTier.Base, 0.3m, 50_000m), org.Products.Where(p => p.Code == "D-SAAS").Select(p => (p.ProductLineCode, p.Tier, p.GrossMargin, p.ListPrice)).Single());
        Assert.Equal(10, org.Products.Count);
        Assert.Equal(25, org.Teams.Single(t => t.Code == "SMB").PlannedHeadcount);
        Assert.Equal(38, org.PlannedHeadcount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Save_BadProduct_NamesEveryFieldAndSavesNothing(DbProvider provider)
    {
        await using var db = await Demo(provider);

        var errors = (await db.Get<EditMasterData>().Save(MasterDataKind.Product, new("x", " ", "X", ProductLine: "NOPE", GrossMargin: 1.5m, ListPrice: 0.001m, Tier: (PyramidTier)7), "salesops", Ct)).Problems;

        Assert.Equal(["code", "grossMargin", "listPrice", "name", "productLine", "tier"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(9, (await db.Get<GetOrganisation>().Handle(Ct)).Products.Count);
        // The pyramid level and the margin may be left out; nothing is invented for them.
        Assert.Empty((await db.Get<EditMasterData>().Save(MasterDataKind.Product, new("NO-MARGIN", "无毛利信息", "No margin", ProductLine: "CORE-A", ListPrice: 100m), "salesops", Ct)).Problems);
        var bare = (await db.Get<GetOrganisation>().Handle(Ct)).Products.Single(p => p.Code == "NO-MARGIN");
        Assert.Equal((null, null, 100m), (bare.Tier, bare.GrossMargin, bare.ListPrice));
        await db.Get<EditMasterData>().SetActive(MasterDataKind.Product, "NO-MARGIN", false, "salesops", Ct);
        Assert.Equal("There is no product line 'NOPE'.", errors["productLine"][0]);
        Assert.Equal(10, (await db.Get<GetOrganisation>().Handle(Ct)).Products.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetActive_DeactivateRegion_KeepsItButInactive(DbProvider provider)
    {
        await using var db = await Demo(provider);
        var edit = db.Get<EditMasterData>();

        Assert.True(await edit.SetActive(MasterDataKind.Region, "southwest", false, "salesops", Ct));
        Assert.Null(await edit.SetActive(MasterDataKind.Region, "MARS", false, "salesops", Ct));

        var org = await db.Get<GetOrganisation>().Handle(Ct);
        Assert.False(org.Regions.Single(r => r.Code == "SOUTHWEST").IsActive);
        Assert.Equal(4, org.Regions.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportEditImport_AppliesTheChanges_ABadCellRejectsTheWholeFile(DbProvider provider)
    {
        await using var db = await Demo(provider);
        var files = db.Get<MasterDataFiles>();
        var exported = new MemoryStream(await files.Export(Ct));

        MemoryStream Changed(Action<string, List<Dictionary<string, object?>>> change)
        {
            var sheets = new Dictionary<string, object>();
            foreach (var name in MiniExcel.GetSheetNames(exported))
            {
                exported.Position = 0;
                var rows = exported.Query(useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
                change(name, rows);
                sheets[name] = rows;
            }
            var output = new MemoryStream();
            output.SaveAs(sheets, printHeader: false);
            output.Position = 0;
            return output;
        }

        var bad = await files.Import(Changed((name, rows) =>
        {
            if (name == MasterDataFiles.Regions) rows.Add(new() { ["A"] = "NORTHWEST", ["B"] = "西北区", ["C"] = "Northwest China" });
            if (name == MasterDataFiles.Products) rows[2]["F"] = "三成";
        }), "salesops", Ct);
        var good = await files.Import(Changed((name, rows) =>
        {
            if (name == MasterDataFiles.Regions) rows.Add(new() { ["A"] = "NORTHWEST", ["B"] = "西北区", ["C"] = "Northwest China" });
            if (name == MasterDataFiles.Products) rows[2]["G"] = 160_000;
        }), "salesops", Ct);

        Assert.Equal("产品,第 3 行,F 列: '三成' 不是数字。", Assert.Single(bad.Errors).ToString());
        Assert.True(good.Succeeded, string.Join("; ", good.Errors));
        Assert.Equal(5, good.Saved[MasterDataFiles.Regions]);
        var org = await db.Get<GetOrganisation>().Handle(Ct);
        Assert.Equal(["EAST", "SOUTH", "NORTH", "SOUTHWEST", "NORTHWEST"], org.Regions.Select(r => r.Code));
        Assert.Equal(160_000m, org.Products.Single(p => p.Code == "A-PACK").ListPrice);
    }
}
