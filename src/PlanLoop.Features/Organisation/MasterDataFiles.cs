using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Organisation;

/// <summary>
/// Master data as .xlsx: one sheet per kind (区域, 产品线, 产品, 渠道, 部门), or one kind as .csv.
/// Export writes them all; import reads the sheets it finds, creates or updates by code, and is
/// all-or-nothing.
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
                .Select(x => new object?[] { x.Code, x.Name, x.NameEn, lineCodes[x.ProductLineId], x.Tier?.ToString(), x.GrossMargin, x.ListPrice })),
            [Channels] = Workbook.Rows(ChannelHeader, (await db.Channels.AsNoTracking().OrderBy(x => x.SortOrder).ToListAsync(ct)).Select(x => new object?[] { x.Code, x.Name, x.NameEn, x.Kind.ToString() })),
            [Teams] = Workbook.Rows(TeamHeader, (await db.Teams.AsNoTracking().OrderBy(x => x.SortOrder).ToListAsync(ct))
                .Select(x => new object?[] { x.Code, x.Name, x.NameEn, x.Kind.ToString(), x.PlannedHeadcount, x.Responsibility })),
        };
        return Workbook.Write(sheets);
    }

    public Task<WorkbookImport<IReadOnlyDictionary<string, int>>> Import(Stream xlsx, string user, CancellationToken ct) => Import(xlsx, "master-data.xlsx", null, user, ct);

    /// <summary>The sheet (and a .csv's name) of each kind, and its header, column A first.</summary>
    static (string Sheet, string[] Header, string[] English) Layout(MasterDataKind kind) => kind switch
    {
        MasterDataKind.Region => (Regions, NamedHeader, ["code", "name", "name_en"]),
        MasterDataKind.ProductLine => (ProductLines, NamedHeader, ["code", "name", "name_en"]),
        MasterDataKind.Product => (Products, ProductHeader, ["code", "name", "name_en", "product_line", "tier", "gross_margin", "list_price"]),
        MasterDataKind.Channel => (Channels, ChannelHeader, ["code", "name", "name_en", "kind"]),
        _ => (Teams, TeamHeader, ["code", "name", "name_en", "kind", "planned_headcount", "responsibility"]),
    };

    /// <summary>
    /// Imports an .xlsx with a sheet per kind, or one kind from a .csv (UTF-8, its header the sheet's —
    /// 编码,名称,英文名称,… — or the English field names code,name,name_en,…). Creates or updates by code; all or nothing.
    /// </summary>
    public async Task<WorkbookImport<IReadOnlyDictionary<string, int>>> Import(Stream content, string fileName, MasterDataKind? kind, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new List<WorkbookError>();
        var rows = new List<(MasterDataKind Kind, MasterDataInput Input, string Sheet, int Row)>();
        Func<string, string[], List<Workbook.SheetRow>>? sheet = null;
        Func<string, bool> has;
        if (TabularFile.IsCsv(fileName))
        {
            if (kind is not { } only)
                return new WorkbookImport<IReadOnlyDictionary<string, int>>(null, [new WorkbookError(fileName, 0, "", "一个 .csv 只含一类主数据:请指明类别(区域、产品线、产品、渠道或部门)。")]);
            var table = TabularFile.Read(content, fileName, errors);
            if (table is null) return new WorkbookImport<IReadOnlyDictionary<string, int>>(null, errors);
            var (name, header, english) = Layout(only);
            // The file's columns by the sheet's letters, found by the Chinese header or the English field name.
            var letters = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
                if (table.Headers.FirstOrDefault(h => h == header[i] || string.Equals(h, english[i], StringComparison.OrdinalIgnoreCase)) is { } found) letters[((char)('A' + i)).ToString()] = found;
            var missing = header.Where((h, i) => !letters.ContainsKey(((char)('A' + i)).ToString()) && i < 3).ToList();
            if (missing.Count > 0)
                return new WorkbookImport<IReadOnlyDictionary<string, int>>(null, [new WorkbookError(fileName, 1, missing[0], $"缺少列 {string.Join("、", missing)};应为 {string.Join(",", header)}(或 {string.Join(",", english)})。")]);
            var read = table.Rows.Select(r => new Workbook.SheetRow(fileName, r.Number, letters.ToDictionary(l => l.Key, l => (object?)r[l.Value]), errors)).ToList();
            has = s => s == name;
            sheet = (_, _) => read;
        }
        else
        {
            var reader = Workbook.Open(content, errors);
            if (reader is null) return new WorkbookImport<IReadOnlyDictionary<string, int>>(null, errors);
            has = reader.HasSheet;
            sheet = reader.Sheet;
        }
        string SheetName(string fallback) => TabularFile.IsCsv(fileName) ? fileName : fallback;
        void Named(string name, MasterDataKind k)
        {
            if (!has(name)) return;
            foreach (var r in sheet(name, NamedHeader))
                rows.Add((k, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? ""), SheetName(name), r.RowNumber));
        }
        Named(Regions, MasterDataKind.Region);
        Named(ProductLines, MasterDataKind.ProductLine);
        if (has(Channels))
        {
            foreach (var r in sheet(Channels, ChannelHeader))
                rows.Add((MasterDataKind.Channel, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? "", ChannelKind: r.Enum<ChannelKind>("D")), SheetName(Channels), r.RowNumber));
        }
        if (has(Teams))
        {
            foreach (var r in sheet(Teams, TeamHeader))
            {
                var headcount = r.Number("E", required: true, min: 0m, decimals: 0);
                rows.Add((MasterDataKind.Team, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? "",
                    TeamKind: r.Enum<TeamKind>("D"), PlannedHeadcount: (int?)headcount, Responsibility: r.Text("F")), SheetName(Teams), r.RowNumber));
            }
        }
        if (has(Products))
        {
            // The pyramid level and the margin are optional: a foreign price list rarely has them.
            foreach (var r in sheet(Products, ProductHeader))
                rows.Add((MasterDataKind.Product, new MasterDataInput(r.Required("A") ?? "", r.Required("B") ?? "", r.Required("C") ?? "",
                    ProductLine: r.Required("D"), Tier: r.Text("E") is null ? null : r.Enum<PyramidTier>("E"), GrossMargin: r.Number("F", required: false, min: -1m, max: 1m),
                    ListPrice: r.Number("G", required: true, min: 0m, decimals: 2)), SheetName(Products), r.RowNumber));
        }
        if (rows.Count == 0 && errors.Count == 0 && TabularFile.IsCsv(fileName))
            errors.Add(new WorkbookError(fileName, 2, "", "文件中没有数据行。"));
        if (rows.Count == 0 && errors.Count == 0)
            errors.Add(new WorkbookError("文件", 0, "", $"没有可导入的工作表;应包含 {Regions}、{ProductLines}、{Products}、{Channels} 或 {Teams}。"));
        if (errors.Count > 0) return new WorkbookImport<IReadOnlyDictionary<string, int>>(null, errors);

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var columns = new Dictionary<string, string> { ["code"] = "A", ["name"] = "B", ["nameEn"] = "C", ["channelKind"] = "D", ["teamKind"] = "D", ["plannedHeadcount"] = "E", ["productLine"] = "D", ["tier"] = "E", ["grossMargin"] = "F", ["listPrice"] = "G" };
        foreach (var (recordKind, input, at, row) in rows)
        {
            // Lines and their products can arrive in one file: lines are applied first (rows are in sheet order above).
            var rowErrors = await edit.Apply(db, recordKind, input, user, "", ct);
            errors.AddRange(rowErrors.Select(e => new WorkbookError(at, row, columns.GetValueOrDefault(e.Key, "?"), e.Value[0])));
        }
        if (errors.Count > 0) return new WorkbookImport<IReadOnlyDictionary<string, int>>(null, errors);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new WorkbookImport<IReadOnlyDictionary<string, int>>(rows.GroupBy(r => r.Sheet).ToDictionary(g => g.Key, g => g.Count()), []);
    }
}
