//! Batch calls over Apache Arrow columns: `Dataset.validate_arrow`,
//! `check_irr_arrow` and `check_arrow`. Columns come in through the Arrow
//! PyCapsule interface (`__arrow_c_array__` / `__arrow_c_stream__`: pyarrow,
//! Polars, pandas, ...) without a copy; the core's `validate::batch` judges
//! them without the GIL, one byte per row; the verdicts go out as
//! dictionary-encoded pyarrow arrays (int8 keys into the CLI's words).
//!
//! The only `unsafe` of the bindings is here: reading the C structs that the
//! capsules hold, as the Arrow C data and C stream interfaces define them.
#![allow(unsafe_code)]

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, from_ffi_and_data_type, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    make_array, Array, ArrayRef, DictionaryArray, Int8Array, StringArray, StructArray,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Fields};
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use routeguard::validate::batch::{
    self, BadKind, BadRow, OriginColumn, Origins, RouteColumns, Strings, Validity, NULL,
};
use routeguard::{AsPath, Asn, Prefix};

use crate::errors::model_error_at;

/// One column, as chunks.
struct Column {
    chunks: Vec<ArrayRef>,
    len: usize,
}

fn err<E: std::fmt::Display>(what: &str) -> impl Fn(E) -> PyErr + '_ {
    move |e| PyValueError::new_err(format!("{what}: cannot import the Arrow data: {e}"))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .fully_qualified_name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// The pointer a capsule named `name` holds.
fn capsule_pointer(
    obj: &Bound<'_, PyAny>,
    name: &CStr,
    what: &str,
) -> PyResult<*mut std::ffi::c_void> {
    let capsule = obj.cast::<PyCapsule>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: the Arrow export did not return a PyCapsule"
        ))
    })?;
    Ok(capsule.pointer_checked(Some(name))?.as_ptr())
}

/// Imports the chunks of an object that speaks the Arrow PyCapsule
/// interface; pandas and NumPy objects without it go through
/// `pyarrow.array` first.
fn import(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Column> {
    let py = obj.py();
    if obj.hasattr("__arrow_c_array__")? {
        let pair = obj.call_method0("__arrow_c_array__")?;
        let pair = pair.cast::<PyTuple>()?;
        let schema = capsule_pointer(&pair.get_item(0)?, c"arrow_schema", what)?;
        let array = capsule_pointer(&pair.get_item(1)?, c"arrow_array", what)?;
        // SAFETY: the capsules hold an ArrowSchema and an ArrowArray (their
        // names say so); the array is moved out (its release callback
        // cleared in the capsule), the schema borrowed while the capsule
        // lives.
        let data = unsafe {
            let array = FFI_ArrowArray::from_raw(array.cast());
            from_ffi(array, &*(schema as *const FFI_ArrowSchema))
        }
        .map_err(err(what))?;
        data.validate().map_err(err(what))?;
        let chunk = make_array(data);
        return Ok(Column {
            len: chunk.len(),
            chunks: vec![chunk],
        });
    }
    if obj.hasattr("__arrow_c_stream__")? {
        let capsule = obj.call_method0("__arrow_c_stream__")?;
        let stream = capsule_pointer(&capsule, c"arrow_array_stream", what)?;
        // SAFETY: the capsule holds an ArrowArrayStream; it is moved out
        // (released when `stream` drops).
        let mut stream = unsafe { FFI_ArrowArrayStream::from_raw(stream.cast()) };
        return py.detach(|| read_stream(&mut stream, what));
    }
    let module = obj
        .get_type()
        .module()
        .map(|m| m.to_string())
        .unwrap_or_default();
    if module.starts_with("pandas") || module.starts_with("numpy") {
        let pa = py.import("pyarrow")?;
        let converted = pa.call_method1("array", (obj,))?;
        return import(&converted, what);
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be an Arrow array (a pyarrow Array or ChunkedArray, a Polars Series, \
         a pandas Series, or any object with __arrow_c_array__ or __arrow_c_stream__), not {}",
        type_name(obj)
    )))
}

/// Every chunk of a C stream.
fn read_stream(stream: &mut FFI_ArrowArrayStream, what: &str) -> PyResult<Column> {
    let last_error = |stream: &mut FFI_ArrowArrayStream, code: i32| {
        let text = stream
            .get_last_error
            // SAFETY: the stream is live; the message is a C string owned
            // by the stream, copied at once.
            .map(|f| unsafe { f(stream) })
            .filter(|p| !p.is_null())
            .map(|p| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("error code {code}"));
        PyValueError::new_err(format!("{what}: the Arrow stream failed: {text}"))
    };
    let get_schema = stream
        .get_schema
        .ok_or_else(|| PyValueError::new_err(format!("{what}: the Arrow stream is released")))?;
    let get_next = stream
        .get_next
        .ok_or_else(|| PyValueError::new_err(format!("{what}: the Arrow stream is released")))?;
    let mut schema = FFI_ArrowSchema::empty();
    // SAFETY: a live stream fills `schema`.
    let code = unsafe { get_schema(stream, &mut schema) };
    if code != 0 {
        return Err(last_error(stream, code));
    }
    let data_type = DataType::try_from(&schema).map_err(err(what))?;
    let mut chunks = Vec::new();
    let mut len = 0;
    loop {
        let mut array = FFI_ArrowArray::empty();
        // SAFETY: a live stream fills `array` (released at the end).
        let code = unsafe { get_next(stream, &mut array) };
        if code != 0 {
            return Err(last_error(stream, code));
        }
        if array.is_released() {
            break;
        }
        // SAFETY: the array has the stream's schema.
        let data =
            unsafe { from_ffi_and_data_type(array, data_type.clone()) }.map_err(err(what))?;
        data.validate().map_err(err(what))?;
        len += data.len();
        chunks.push(make_array(data));
    }
    Ok(Column { chunks, len })
}

/// The column `name` of a table (a struct column: RecordBatch, Table,
/// DataFrame).
fn column_of(table: &Column, name: &str) -> PyResult<Column> {
    let mut chunks = Vec::with_capacity(table.chunks.len());
    for chunk in &table.chunks {
        let s = chunk.as_struct_opt().ok_or_else(|| {
            PyTypeError::new_err(format!(
                "table must be a table (pyarrow Table or RecordBatch, Polars or pandas DataFrame), not an array of {}",
                chunk.data_type()
            ))
        })?;
        let col = s.column_by_name(name).ok_or_else(|| {
            let names: Vec<&str> = s.column_names();
            PyKeyError::new_err(format!(
                "table has no column {name:?} (columns: {})",
                names.join(", ")
            ))
        })?;
        chunks.push(Arc::clone(col));
    }
    Ok(Column {
        chunks,
        len: table.len,
    })
}

/// A column argument: an array, or a column name when `table` is given.
fn argument(obj: &Bound<'_, PyAny>, table: Option<&Column>, what: &str) -> PyResult<Column> {
    match table {
        Some(t) => {
            let name: String = obj.extract().map_err(|_| {
                PyTypeError::new_err(format!("with table=, {what} must be a column name (str)"))
            })?;
            column_of(t, &name)
        }
        None => import(obj, what),
    }
}

fn validity(a: &dyn Array) -> Option<Validity<'_>> {
    a.nulls()
        .map(|n| Validity::new(n.buffer().as_slice(), n.offset()))
}

/// A string chunk as the core reads it.
fn strings<'a>(a: &'a dyn Array, buffers: &'a mut Vec<&'a [u8]>) -> Option<Strings<'a>> {
    let validity = validity(a);
    match a.data_type() {
        DataType::Utf8 => {
            let s = a.as_string::<i32>();
            Some(Strings::Offsets32 {
                offsets: s.value_offsets(),
                data: s.values().as_slice(),
                validity,
            })
        }
        DataType::LargeUtf8 => {
            let s = a.as_string::<i64>();
            Some(Strings::Offsets64 {
                offsets: s.value_offsets(),
                data: s.values().as_slice(),
                validity,
            })
        }
        DataType::Utf8View => {
            let s = a.as_string_view();
            buffers.extend(s.data_buffers().iter().map(|b| b.as_slice()));
            let buffers: &'a [&'a [u8]] = buffers;
            Some(Strings::Views {
                views: s.views().inner().as_slice(),
                buffers,
                validity,
            })
        }
        _ => None,
    }
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_integer(t: &DataType) -> bool {
    t.is_integer() || *t == DataType::Null
}

/// An integer chunk as the core reads it (`zeros`: the values and
/// validity of an all-null chunk).
fn origin_column<'a>(a: &'a dyn Array, zeros: &'a [u8]) -> Option<OriginColumn<'a>> {
    let validity = validity(a);
    let values = match a.data_type() {
        DataType::UInt32 => Origins::U32(a.as_primitive::<UInt32Type>().values()),
        DataType::UInt64 => Origins::U64(a.as_primitive::<UInt64Type>().values()),
        DataType::Int64 => Origins::I64(a.as_primitive::<Int64Type>().values()),
        DataType::Int32 => Origins::I32(a.as_primitive::<Int32Type>().values()),
        DataType::UInt16 => Origins::U16(a.as_primitive::<UInt16Type>().values()),
        DataType::Int16 => Origins::I16(a.as_primitive::<Int16Type>().values()),
        DataType::UInt8 => Origins::U8(a.as_primitive::<UInt8Type>().values()),
        DataType::Int8 => Origins::I8(a.as_primitive::<Int8Type>().values()),
        DataType::Null => return Some(Origins::U8(zeros).with(Some(Validity::new(zeros, 0)))),
        _ => return None,
    };
    Some(values.with(validity))
}

fn check_type(c: &Column, ok: fn(&DataType) -> bool, what: &str, expected: &str) -> PyResult<()> {
    if let Some(bad) = c.chunks.iter().find(|a| !ok(a.data_type())) {
        return Err(PyTypeError::new_err(format!(
            "{what} must be {expected}, not an array of {}",
            bad.data_type()
        )));
    }
    Ok(())
}

/// Row ranges where every column stays in one chunk: `(start, end,
/// [(chunk, offset in chunk)])`.
fn segments(columns: &[&Column]) -> Vec<(usize, usize, Vec<ArrayRef>)> {
    let len = columns.first().map_or(0, |c| c.len);
    let mut pos: Vec<(usize, usize)> = vec![(0, 0); columns.len()];
    let mut out = Vec::new();
    let mut start = 0;
    while start < len {
        // Skip empty chunks; find how far every column's chunk reaches.
        let mut end = len;
        for (c, (k, off)) in columns.iter().zip(pos.iter_mut()) {
            while c.chunks.get(*k).is_some_and(|a| *off >= a.len()) {
                *k += 1;
                *off = 0;
            }
            let left = c.chunks.get(*k).map_or(0, |a| a.len() - *off);
            end = end.min(start + left);
        }
        if end == start {
            break;
        }
        let slices = columns
            .iter()
            .zip(pos.iter_mut())
            .filter_map(|(c, (k, off))| {
                let a = c.chunks.get(*k)?.slice(*off, end - start);
                *off += end - start;
                Some(a)
            })
            .collect();
        out.push((start, end, slices));
        start = end;
    }
    out
}

/// `errors=`: raise on a malformed row, or give it null.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Errors {
    Raise,
    Null,
}

fn errors_mode(s: &str) -> PyResult<Errors> {
    match s {
        "raise" => Ok(Errors::Raise),
        "null" => Ok(Errors::Null),
        _ => Err(PyValueError::new_err(format!(
            "errors must be \"raise\" or \"null\", not {s:?}"
        ))),
    }
}

fn same_length(a: &Column, b: &Column, names: (&str, &str)) -> PyResult<()> {
    if a.len != b.len {
        return Err(PyValueError::new_err(format!(
            "{} and {} differ in length ({} and {} rows)",
            names.0, names.1, a.len, b.len
        )));
    }
    Ok(())
}

/// The exception for the first malformed row: the error the one-route
/// call would raise, naming the row.
fn bad_row_error(
    py: Python<'_>,
    bad: BadRow,
    prefixes: &Column,
    other: &Column,
    relaxed: bool,
    names: (&str, &str),
) -> PyErr {
    let row = bad.row;
    let at = |c: &Column| -> Option<ArrayRef> {
        let mut i = row;
        for a in &c.chunks {
            if i < a.len() {
                return Some(a.slice(i, 1));
            }
            i -= a.len();
        }
        None
    };
    let text = |c: &Column| -> String {
        let Some(a) = at(c) else {
            return String::new();
        };
        let mut bufs = Vec::new();
        strings(&a, &mut bufs)
            .and_then(|s| s.get(0).map(|b| String::from_utf8_lossy(b).into_owned()))
            .unwrap_or_default()
    };
    match bad.kind {
        BadKind::Prefix => {
            let t = text(prefixes);
            let e = if relaxed {
                Prefix::parse_relaxed(&t)
            } else {
                Prefix::parse(&t)
            };
            match e {
                Err(e) => model_error_at(py, &e, &format!("{}[{row}]", names.0)),
                Ok(_) => PyValueError::new_err(format!("{}[{row}]: invalid prefix", names.0)),
            }
        }
        BadKind::Path => match AsPath::parse(&text(other)) {
            Err(e) => model_error_at(py, &e, &format!("{}[{row}]", names.1)),
            Ok(_) => PyValueError::new_err(format!("{}[{row}]: invalid AS path", names.1)),
        },
        BadKind::Origin => {
            let value = at(other)
                .and_then(|a| arrow_cast_display(&a))
                .unwrap_or_default();
            match Asn::parse(&value) {
                Err(e) => model_error_at(py, &e, &format!("{}[{row}]", names.1)),
                Ok(_) => {
                    PyValueError::new_err(format!("{}[{row}]: invalid AS number {value}", names.1))
                }
            }
        }
    }
}

/// The integer in a one-row array, as text.
fn arrow_cast_display(a: &ArrayRef) -> Option<String> {
    Some(match a.data_type() {
        DataType::UInt64 => a.as_primitive::<UInt64Type>().value(0).to_string(),
        DataType::Int64 => a.as_primitive::<Int64Type>().value(0).to_string(),
        DataType::Int32 => a.as_primitive::<Int32Type>().value(0).to_string(),
        DataType::Int16 => a.as_primitive::<Int16Type>().value(0).to_string(),
        DataType::Int8 => a.as_primitive::<Int8Type>().value(0).to_string(),
        _ => return None,
    })
}

/// A dictionary array of `codes` (positions in `words`, `NULL` for null).
fn dictionary(codes: Vec<u8>, words: &[&str]) -> DictionaryArray<Int8Type> {
    let nulls = codes
        .contains(&NULL)
        .then(|| NullBuffer::from_iter(codes.iter().map(|&c| c != NULL)));
    let keys: Vec<i8> = codes
        .into_iter()
        .map(|c| if c == NULL { 0 } else { c as i8 })
        .collect();
    let keys = Int8Array::new(keys.into(), nulls);
    let values = Arc::new(StringArray::from(words.to_vec()));
    // The keys are positions in `words` by construction.
    DictionaryArray::new(keys, values)
}

/// Hands an array to Python through the PyCapsule interface, once.
#[pyclass(module = "routeguard", name = "_ArrowExport", frozen)]
struct ArrowExport {
    data: std::sync::Mutex<Option<(FFI_ArrowArray, FFI_ArrowSchema)>>,
}

#[pymethods]
impl ArrowExport {
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        let taken = self
            .data
            .lock()
            .map_err(|_| PyValueError::new_err("export poisoned"))?
            .take();
        let (array, schema) =
            taken.ok_or_else(|| PyValueError::new_err("the array was exported already"))?;
        let schema = PyCapsule::new_with_value(py, schema, c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, array, c"arrow_array")?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }
}

/// `pyarrow.array(...)` (or `record_batch`) of `array`.
fn to_pyarrow<'py>(
    py: Python<'py>,
    array: &dyn Array,
    as_batch: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, s) = to_ffi(&array.to_data()).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let export = Bound::new(
        py,
        ArrowExport {
            data: std::sync::Mutex::new(Some((a, s))),
        },
    )?;
    let pa = py.import("pyarrow").map_err(|e| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "the Arrow calls return pyarrow arrays: install pyarrow ({e})"
        ))
    })?;
    pa.call_method1(if as_batch { "record_batch" } else { "array" }, (export,))
}

/// Runs `f` on every segment of `columns` without the GIL, each segment
/// writing `outputs` (one byte per row each) from its start; the first bad
/// row (absolute).
fn run<F>(
    py: Python<'_>,
    columns: &[&Column],
    outputs: &mut [Vec<u8>],
    f: F,
) -> PyResult<Option<BadRow>>
where
    F: Fn(&[ArrayRef], &[u8], &mut [&mut [u8]]) -> Option<BadRow> + Send + Sync,
{
    let segs = segments(columns);
    py.detach(|| {
        let mut first = None;
        for (start, end, slices) in &segs {
            let zeros = vec![0u8; end - start];
            let mut outs: Vec<&mut [u8]> = outputs
                .iter_mut()
                .filter_map(|o| o.get_mut(*start..*end))
                .collect();
            if let Some(b) = f(slices, &zeros, &mut outs) {
                first = first.or(Some(BadRow {
                    row: start + b.row,
                    kind: b.kind,
                }));
            }
        }
        Ok(first)
    })
}

/// The prefix (string) and origin (integer) columns of a call, given as
/// arrays or, with `table`, as its column names; checked for type and
/// length.
fn prefix_origin_columns(
    prefixes: &Bound<'_, PyAny>,
    origins: &Bound<'_, PyAny>,
    table: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Column, Column)> {
    let table = table.map(|t| import(t, "table")).transpose()?;
    let p = argument(prefixes, table.as_ref(), "prefixes")?;
    let o = argument(origins, table.as_ref(), "origins")?;
    check_type(&p, is_string, "prefixes", STRING_ARRAY)?;
    check_type(&o, is_integer, "origins", "an integer array")?;
    same_length(&p, &o, ("prefixes", "origins"))?;
    Ok((p, o))
}

/// What a string column must be.
const STRING_ARRAY: &str = "a string array (utf8, large_utf8 or string_view)";

/// `Dataset.validate_arrow`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn validate_arrow<'py>(
    py: Python<'py>,
    ds: &routeguard::Dataset,
    prefixes: &Bound<'py, PyAny>,
    origins: &Bound<'py, PyAny>,
    table: Option<&Bound<'py, PyAny>>,
    relaxed: bool,
    errors: &str,
    reasons: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = errors_mode(errors)?;
    let index = ds.rov().ok_or_else(|| {
        PyValueError::new_err("validate_arrow needs VRPs: give Dataset(vrps=...)")
    })?;
    let (p, o) = prefix_origin_columns(prefixes, origins, table)?;
    let mut outputs = vec![vec![NULL; p.len]; if reasons { 2 } else { 1 }];
    let bad = run(py, &[&p, &o], &mut outputs, |s, zeros, outs| {
        let (Some(pa), Some(oa)) = (s.first(), s.get(1)) else {
            return None;
        };
        let mut bufs = Vec::new();
        let strs = strings(pa.as_ref(), &mut bufs)?;
        let ors = origin_column(oa.as_ref(), zeros)?;
        let (states, rest) = outs.split_first_mut()?;
        batch::validate_origins(
            index,
            &strs,
            &ors,
            relaxed,
            states,
            rest.first_mut().map(|r| &mut **r),
        )
    })?;
    if let (Some(bad), Errors::Raise) = (bad, mode) {
        return Err(bad_row_error(
            py,
            bad,
            &p,
            &o,
            relaxed,
            ("prefixes", "origins"),
        ));
    }
    let mut outputs = outputs.into_iter();
    let states = dictionary(outputs.next().unwrap_or_default(), &batch::ROV_WORDS);
    match outputs.next() {
        None => to_pyarrow(py, &states, false),
        Some(r) => {
            let reasons = dictionary(r, &batch::REASON_WORDS);
            let t = states.data_type().clone();
            let s = StructArray::new(
                Fields::from(vec![
                    Field::new("state", t.clone(), true),
                    Field::new("reason", t, true),
                ]),
                vec![Arc::new(states), Arc::new(reasons)],
                None,
            );
            to_pyarrow(py, &s, true)
        }
    }
}

/// `Dataset.check_irr_arrow`.
pub(crate) fn check_irr_arrow<'py>(
    py: Python<'py>,
    ds: &routeguard::Dataset,
    prefixes: &Bound<'py, PyAny>,
    origins: &Bound<'py, PyAny>,
    table: Option<&Bound<'py, PyAny>>,
    relaxed: bool,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = errors_mode(errors)?;
    let db = ds.irr().ok_or_else(|| {
        PyValueError::new_err("check_irr_arrow needs IRR dumps: give Dataset(irr=...)")
    })?;
    let (p, o) = prefix_origin_columns(prefixes, origins, table)?;
    let mut outputs = vec![vec![NULL; p.len]];
    let bad = run(py, &[&p, &o], &mut outputs, |s, zeros, outs| {
        let (Some(pa), Some(oa)) = (s.first(), s.get(1)) else {
            return None;
        };
        let mut bufs = Vec::new();
        let strs = strings(pa.as_ref(), &mut bufs)?;
        let ors = origin_column(oa.as_ref(), zeros)?;
        batch::irr_statuses(db, &strs, &ors, relaxed, outs.first_mut()?)
    })?;
    if let (Some(bad), Errors::Raise) = (bad, mode) {
        return Err(bad_row_error(
            py,
            bad,
            &p,
            &o,
            relaxed,
            ("prefixes", "origins"),
        ));
    }
    let codes = outputs.into_iter().next().unwrap_or_default();
    to_pyarrow(py, &dictionary(codes, &batch::IRR_WORDS), false)
}

/// `Dataset.check_arrow`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_arrow<'py>(
    py: Python<'py>,
    ds: &routeguard::Dataset,
    prefixes: &Bound<'py, PyAny>,
    paths: &Bound<'py, PyAny>,
    neighbors: Option<&Bound<'py, PyAny>>,
    table: Option<&Bound<'py, PyAny>>,
    relaxed: bool,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = errors_mode(errors)?;
    let table = table.map(|t| import(t, "table")).transpose()?;
    let p = argument(prefixes, table.as_ref(), "prefixes")?;
    let a = argument(paths, table.as_ref(), "paths")?;
    let n = neighbors
        .filter(|n| !n.is_none())
        .map(|n| argument(n, table.as_ref(), "neighbors"))
        .transpose()?;
    check_type(&p, is_string, "prefixes", STRING_ARRAY)?;
    check_type(&a, is_string, "paths", STRING_ARRAY)?;
    same_length(&p, &a, ("prefixes", "paths"))?;
    if let Some(n) = &n {
        check_type(n, is_integer, "neighbors", "an integer array")?;
        same_length(&p, n, ("prefixes", "neighbors"))?;
    }
    let checker = ds.checker(routeguard::Direction::Upstream);
    let mut outputs = vec![vec![NULL; p.len]; 4];
    let mut columns = vec![&p, &a];
    if let Some(n) = &n {
        columns.push(n);
    }
    let bad = run(py, &columns, &mut outputs, |s, zeros, outs| {
        let mut b1 = Vec::new();
        let mut b2 = Vec::new();
        let strs = strings(s.first()?.as_ref(), &mut b1)?;
        let path_strs = strings(s.get(1)?.as_ref(), &mut b2)?;
        let neigh = match s.get(2) {
            Some(x) => Some(origin_column(x.as_ref(), zeros)?),
            None => None,
        };
        let [rov, aspa, bogon, leak] = outs else {
            return None;
        };
        batch::check_routes(
            &checker,
            &strs,
            &path_strs,
            neigh.as_ref(),
            relaxed,
            RouteColumns {
                rov,
                aspa,
                bogon,
                leak,
            },
        )
    })?;
    if let (Some(bad), Errors::Raise) = (bad, mode) {
        let other = if bad.kind == BadKind::Origin {
            n.as_ref().unwrap_or(&a)
        } else {
            &a
        };
        let names = if bad.kind == BadKind::Origin {
            ("prefixes", "neighbors")
        } else {
            ("prefixes", "paths")
        };
        return Err(bad_row_error(py, bad, &p, other, relaxed, names));
    }
    let words: [&[&str]; 4] = [
        &batch::ROV_WORDS,
        &batch::ASPA_WORDS,
        &batch::BOGON_WORDS,
        &batch::LEAK_WORDS,
    ];
    let names = ["rov", "aspa", "bogon", "leak"];
    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    for ((codes, words), name) in outputs.into_iter().zip(words).zip(names) {
        let d = dictionary(codes, words);
        fields.push(Field::new(name, d.data_type().clone(), true));
        arrays.push(Arc::new(d));
    }
    let s = StructArray::new(Fields::from(fields), arrays, None);
    to_pyarrow(py, &s, true)
}
