using System.IO.Compression;
using System.Xml;

namespace PlanLoop.Features.Workbooks;

/// <summary>
/// What an uploaded file may hold, checked before a row is read, so that a small upload cannot make
/// the server hold gigabytes: an .xlsx is a zip whose parts may expand far beyond its size (a
/// 511 KB file whose one cell expands to 500 MB). Every reader (<see cref="TabularReader"/>,
/// <see cref="TabularFile"/>, <see cref="Workbook"/>) goes through here, and each limit is named in
/// the error a person sees.
/// </summary>
public static class UploadLimits
{
    /// <summary>The largest upload the web app accepts (request body), in bytes.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>Columns in a file's header: an export has tens; thousands are a mistake or an attack.</summary>
    public const int MaxColumns = 500;

    /// <summary>Characters in one cell — Excel's own limit.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>What all parts of an .xlsx may expand to together (a million order lines take about 400 MB).</summary>
    public const long MaxXlsxExpanded = 1024L * 1024 * 1024;

    /// <summary>How much one part of an .xlsx may expand relative to its compressed size (Apache POI's zip-bomb guard uses the same 1 : 100).</summary>
    public const int MaxInflateRatio = 100;

    /// <summary>Rows of the imports that read the whole file before writing (accounts, contacts, answers, master data).</summary>
    public const int MaxTableRows = 200_000;

    /// <summary>
    /// Checks an .xlsx before it is parsed: the declared sizes and ratios of its parts, then every
    /// worksheet and the shared strings read as XML without keeping them, so that no cell longer than
    /// <see cref="MaxCellChars"/> reaches the reader. Adds an error naming the limit and returns false
    /// when the file breaks one (a file that is no .xlsx at all passes, for its reader to refuse); the
    /// stream is left at its start.
    /// </summary>
    public static bool CheckXlsx(Stream seekable, string fileName, List<WorkbookError> errors)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        ArgumentNullException.ThrowIfNull(errors);
        string? problem = null;
        try
        {
            using (var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true))
            {
                var total = 0L;
                foreach (var entry in zip.Entries)
                {
                    total += entry.Length;
                    if (entry.Length > 1024 * 1024 && entry.Length > entry.CompressedLength * (long)MaxInflateRatio)
                    {
                        problem = $"文件中的 {entry.FullName} 从 {entry.CompressedLength:N0} 字节展开为 {entry.Length:N0} 字节,超过 1:{MaxInflateRatio} 的上限(疑似压缩炸弹)。";
                        break;
                    }
                }
                if (problem is null && total > MaxXlsxExpanded)
                    problem = $"文件展开后有 {total / (1024 * 1024):N0} MB,超过 {MaxXlsxExpanded / (1024 * 1024):N0} MB 的上限;请拆分文件或改用 .csv。";
                if (problem is null)
                    foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) || e.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase)))
                        if (LongestText(entry) is > MaxCellChars and var longest)
                        {
                            problem = $"文件中有一个单元格长 {longest:N0} 个字符,超过 {MaxCellChars:N0} 个字符的上限(Excel 自身的上限)。";
                            break;
                        }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException)
        {
            // Not a readable zip or XML: the reader that opens it next says so in its own words.
            problem = null;
        }
        seekable.Position = 0;
        if (problem is null) return true;
        errors.Add(new WorkbookError(fileName, 0, "", problem));
        return false;
    }

    /// <summary>The most characters of any text node in a part, counted in chunks (stops counting past the limit).</summary>
    static long LongestText(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true });
        var buffer = new char[8192];
        var longest = 0L;
        while (xml.Read())
        {
            if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA)) continue;
            var length = 0L;
            int read;
            while ((read = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
            {
                length += read;
                if (length > MaxCellChars) return length;
            }
            longest = Math.Max(longest, length);
        }
        return longest;
    }

    /// <summary>The error for a header with too many columns, or null.</summary>
    public static string? Columns(int count) =>
        count > MaxColumns ? $"文件有 {count:N0} 列,超过 {MaxColumns:N0} 列的上限;请只导出需要的列。" : null;
}
