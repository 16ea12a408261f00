using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Customers;

/// <summary>Reading NPS and satisfaction answers: each row to its account and the survey's kind and period.</summary>
public sealed partial class AccountFiles
{
    static async Task<List<ImportRowChange>> ApplySurveys(PlanLoopDbContext db, TabularTable table, Dictionary<string, string> columns, FieldMap map, LookupTables lookups, Viewer viewer, List<WorkbookError> errors, CancellationToken ct)
    {
        var accounts = await AccountKeys(db, viewer, ct);
        var contacts = (await db.Contacts.AsNoTracking().ToListAsync(ct)).ToLookup(c => c.AccountId);
        var changes = new List<ImportRowChange>();
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table, row, columns, map, lookups, errors);
            var before = errors.Count;
            var account = FindAccount(accounts, r);
            SurveyKind? kind = r.Required("kind") is { } k
                ? k.ToUpperInvariant() switch { "NPS" => SurveyKind.Nps, "CSAT" or "满意度" => SurveyKind.Csat, _ => null }
                : null;
            if (kind is null && r.Text("kind") is { } badKind) r.Error("kind", $"'{badKind}' 不是有效的类型;可用: NPS, CSAT(满意度)。");
            var score = r.Number("score");
            if (score is null && r.Text("score") is null) r.Error("score", "不能为空。");
            if (score is { } sc && sc != decimal.Truncate(sc)) r.Error("score", "分数应为整数。");
            else if (score is { } s2 && kind is { } kk && SurveyAnswer.Problem(kk, (int)s2) is { } p) r.Error("score", p);
            DateOnly? date = null;
            if (r.Required("date") is { } d)
                if (map.TryDay(d, out var parsed)) date = parsed;
                else r.Error("date", $"'{d}' 不是有效的日期(应为 {map.DayExample} 这样的格式{(map.DateFormat is null ? ";其他格式可在映射中用 dateFormat 指定" : "")})。");
            Guid? contactId = null;
            if (account is not null && r.Text("contact") is { } contactName)
            {
                contactId = contacts[account.Id].FirstOrDefault(c => c.Name == contactName)?.Id;
                if (contactId is null) r.Error("contact", $"客户“{account.Name}”没有联系人 '{contactName}'。");
            }
            if (account is null || kind is null || score is null || date is null || errors.Count > before) continue;
            db.SurveyAnswers.Add(new SurveyAnswer(account.Id, contactId, kind.Value, (int)score.Value, date.Value, r.Text("comment")));
            changes.Add(new ImportRowChange(row.Number, $"{account.Name} {kind} {score.Value.ToString(Inv)}", RowAction.Create, []));
        }
        await db.SaveChangesAsync(ct);
        return changes;
    }

}
