using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Organisation;

public sealed record MasterDataImportResult(IReadOnlyDictionary<string, int> Saved, IReadOnlyList<WorkbookError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Master data as .xlsx: one sheet per kind (区域, 产品线, 产品, 渠道, 部门). Export writes them all;
/// import reads the sheets it finds, creates or updates by code, and is all-or-nothing.
/// </summary>
public sealed class MasterDataFiles(IDbContextFactory<PlanLoopDbContext> dbs, EditMasterData edit)
{
    public const string Regions = "区域";
    public const string ProductLines = "产品线";
    public const string Products = "产品";
    public const string Channels = "渠道";
    public const string Teams = "部门";

    static readonly string[] NamedHeader = ["编码", "名称", "英文名称"];
    static readonly string[] ProductHeader = ["编码", "名称", "英文名称", "产品线", "层级", "毛利率", "目录价"];
    static readonly string[] ChannelHeader = ["编码", "名称", "英文名称", "类型"];
    static readonly string[] TeamHeader = ["编码", "名称", "英文名称", "类型", "计划编制", "职责"];

    public async Task<byte[]> Export(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lines = await db.ProductLines.AsNoTracking().OrderBy(x => x.SortOrder).ToListAsync(ct);
        var lineCodes = lines.ToDictionary(l => l.Id, l => l.Code);
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>
        {
            [Regions] = Workbook.Rows(NamedHeader, (await db.Regions.AsNoTracking().OrderBy(x => x.SortOrder).ToListAsync(ct)).Select(x => new object?[] { x.Code, x.Name, x.NameEn })),
            [ProductLines] = Workbook.Rows(NamedHeader, lines.Select(x => new object?[] { x.Code, x.Name, x.NameEn })),
            [Products] = Workbook.Rows(ProductHeader, (await db.Products.AsNoTracking().OrderBy(x => x.Code).ToListAsync(ct))
                .Select(x => new object?[] { x.Code, x.Name, x.NameEn, lineCodes[x.ProductLineId], x.Tier.ToString(), x.GrossMargin, x.ListPrice })),
            [Channels] = Workbook.Rows(ChannelHeader, (await db.Channels.AsNoTracking().OrderBy(x => x.SortOrder).ToListAsync(ct)).Select(x => new object?[] { x.Code, x.Name, x.NameEn, x.Kind.ToString() })),
            [Teams] = Workbook.Rows(TeamHeader, (await db.Teams.AsNoTracking().OrderBy(x => x.SortOrder).ToListAsync(ct))
                .Select(x => new object?[] { x.Code, x.Name, x.NameEn, x.Kind.ToString(), x.PlannedHeadcount, x.Responsibility })),
        };
        return Workbook.Write(sheets);
    }

    public async Task<MasterDataImportResult> Import(Stream xlsx, string user, CancellationToken ct)
    {
        var errors = new List<WorkbookError>();
        var reader = Workbook.Open(xlsx, errors);
        if (reader is null) return new MasterDataImportResult(new Dictionary<string, int>(), errors);
        var rows = new List<(MasterDataKind Kind, MasterDataInput Input, string Sheet, int Row)>();
        void Named(string sheet, MasterDataKind kind)
        {
            if (!reader.HasSheet(sheet)) return;
            foreach (var r in reader.Sheet(sheet, NamedHeader))
                rows.Add((kind, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? ""), sheet, r.RowNumber));
        }
        Named(Regions, MasterDataKind.Region);
        Named(ProductLines, MasterDataKind.ProductLine);
        if (reader.HasSheet(Channels))
        {
            foreach (var r in reader.Sheet(Channels, ChannelHeader))
                rows.Add((MasterDataKind.Channel, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? "", ChannelKind: r.Enum<ChannelKind>("D")), Channels, r.RowNumber));
        }
        if (reader.HasSheet(Teams))
        {
            foreach (var r in reader.Sheet(Teams, TeamHeader))
            {
                var headcount = r.Number("E", required: true, min: 0m, decimals: 0);
                rows.Add((MasterDataKind.Team, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? "",
                    TeamKind: r.Enum<TeamKind>("D"), PlannedHeadcount: (int?)headcount, Responsibility: r.Text("F")), Teams, r.RowNumber));
            }
        }
        if (reader.HasSheet(Products))
        {
            foreach (var r in reader.Sheet(Products, ProductHeader))
                rows.Add((MasterDataKind.Product, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? "",
                    ProductLine: r.Required("D"), Tier: r.Enum<PyramidTier>("E"), GrossMargin: r.Number("F", required: true, min: -1m, max: 1m),
                    ListPrice: r.Number("G", required: true, min: 0m, decimals: 2)), Products, r.RowNumber));
        }
        if (rows.Count == 0 && errors.Count == 0)
            errors.Add(new WorkbookError("文件", 0, "", $"没有可导入的工作表;应包含 {Regions}、{ProductLines}、{Products}、{Channels} 或 {Teams}。"));
        if (errors.Count > 0) return new MasterDataImportResult(new Dictionary<string, int>(), errors);

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var columns = new Dictionary<string, string> { ["code"] = "A", ["name"] = "B", ["nameEn"] = "C", ["channelKind"] = "D", ["teamKind"] = "D", ["plannedHeadcount"] = "E", ["productLine"] = "D", ["tier"] = "E", ["grossMargin"] = "F", ["listPrice"] = "G" };
        foreach (var (kind, input, sheet, row) in rows)
        {
            // Lines and their products can arrive in one file: lines are applied first (rows are in sheet order above).
            var rowErrors = await edit.Apply(db, kind, input, user, "", ct);
            errors.AddRange(rowErrors.Select(e => new WorkbookError(sheet, row, columns.GetValueOrDefault(e.Key, "?"), e.Value[0])));
        }
        if (errors.Count > 0) return new MasterDataImportResult(new Dictionary<string, int>(), errors);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MasterDataImportResult(rows.GroupBy(r => r.Sheet).ToDictionary(g => g.Key, g => g.Count()), []);
    }
}
