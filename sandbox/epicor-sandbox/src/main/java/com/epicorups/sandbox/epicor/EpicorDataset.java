package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;

/**
 * The sandbox's live Epicor data: rows of every served entity set, typed and defaulted like Epicor's,
 * plus the dataset's UD columns, BAQs and access refusals. A dataset without UDFields is a fresh tenant: no
 * {@code _c} column exists anywhere. Thread-safe; every write bumps the row's SysRevID from one
 * counter shared by all tables, and stamps ChangeDate/ChangeTime/ChangedBy.
 */
public final class EpicorDataset {

  static final String UD_FIELDS_KEY = "UDFields";
  static final String BAQS_KEY = "BAQs";
  static final String COMPANY_KEY = "Company";
  private static final String SAMPLE_RESOURCE = "/epicor-sample-data.json";
  private static final String DEFAULT_EDITOR = "manager";
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private final String source;
  private volatile EpicorSchema schema;
  private final Map<String, BaqDefinition> baqs;
  private final Set<String> companies = new LinkedHashSet<>();
  private final Map<String, OrderedRows> rows = new LinkedHashMap<>();
  private final AtomicLong revisions = new AtomicLong();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile EpicorEdm edm;
  private volatile QueryEngine queries;
  /** Bumped by each {@link #regenerateDataModel}: served metadata documents are cached per generation. */
  private volatile int modelGeneration;
  private final AccessRules access = new AccessRules();
  private volatile Clock clock = Clock.systemUTC();
  private volatile boolean keyLookups = true;

  private EpicorDataset(String source, EpicorSchema schema, Map<String, BaqDefinition> baqs) {
    this.source = source;
    this.schema = schema;
    this.baqs = Collections.unmodifiableMap(baqs);
    this.edm = new EpicorEdm(schema, baqs);
    this.queries = new QueryEngine(edm);
    for (EntitySetSchema set : schema.entitySets()) {
      rows.put(set.entitySet(), new OrderedRows(set));
    }
  }

  // ---------------------------------------------------------------- loading

  /** Loads a dataset file (see README.md for the format). */
  public static EpicorDataset load(Path path) {
    try {
      return DatasetLoader.parse(path.toString(), MAPPER.readTree(Files.readAllBytes(path)));
    } catch (IOException e) {
      throw new DatasetException("epicor dataset " + path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The bundled sample data: company EPIC06, three warehouses, about thirty orders. */
  public static EpicorDataset sample() {
    try (InputStream in = EpicorDataset.class.getResourceAsStream(SAMPLE_RESOURCE)) {
      if (in == null) {
        throw new DatasetException("missing resource " + SAMPLE_RESOURCE);
      }
      return DatasetLoader.parse("sample " + SAMPLE_RESOURCE, MAPPER.readTree(in));
    } catch (IOException e) {
      throw new DatasetException("sample dataset: " + e.getMessage(), e);
    }
  }

  public static EpicorDataset fromJson(String json) {
    try {
      return DatasetLoader.parse("json", MAPPER.readTree(json));
    } catch (IOException e) {
      throw new DatasetException("epicor dataset json: not valid JSON: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- live data API

  /** Every row of an entity set, in key order, as copies. */
  public List<Map<String, Object>> get(String entitySet) {
    EntitySetSchema set = set(entitySet);
    lock.readLock().lock();
    try {
      return rows.get(set.entitySet()).copies();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One row by key (a map of key field to value), as a copy. */
  public Optional<Map<String, Object>> find(String entitySet, Map<String, ?> keys) {
    EntitySetSchema set = set(entitySet);
    List<Object> key = keyFromMap(set, keys);
    lock.readLock().lock();
    try {
      Map<String, Object> row = rows.get(entitySet).get(key);
      return Optional.ofNullable(row == null ? null : new LinkedHashMap<>(row));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Changes fields of a row like a user edit in Epicor: bumps SysRevID and ChangeDate/ChangeTime. */
  public Map<String, Object> update(String entitySet, Map<String, ?> keys, Map<String, ?> fields) {
    return update(entitySet, keys, MAPPER.valueToTree(fields), DEFAULT_EDITOR);
  }

  Map<String, Object> update(String entitySet, Map<String, ?> keys, JsonNode fields, String editor) {
    EntitySetSchema set = set(entitySet);
    List<Object> key = keyFromMap(set, keys);
    Map<String, Object> changes = RowValues.coerceRow(set, fields);
    lock.writeLock().lock();
    try {
      Map<String, Object> row = rows.get(entitySet).get(key);
      if (row == null) {
        throw new DatasetException(set.table() + " " + key + " not found");
      }
      for (String k : set.keys()) {
        if (changes.containsKey(k) && !RowValues.sameValue(changes.get(k), row.get(k))) {
          throw new DatasetException("key field " + k + " cannot be changed");
        }
      }
      if (changes.containsKey("SysRevID") && !RowValues.sameValue(changes.get("SysRevID"), row.get("SysRevID"))) {
        throw new DatasetException("Row has been modified by another user and couldn't be updated.");
      }
      PackRules.checkUpdate(set, row, changes, this::packRow);
      Map<String, Object> after = new LinkedHashMap<>(row);
      after.putAll(changes);
      MiscChargeRules.check(set, after, changes, this::miscChargeRow);
      changes.remove("SysRevID");
      changes.remove("SysRowID");
      changes.remove("RowMod");
      rows.get(entitySet).change(key, changed -> {
        changed.putAll(changes);
        stamp(set, changed, editor);
      });
      return new LinkedHashMap<>(row);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Adds a row (fields it omits take Epicor defaults). */
  public Map<String, Object> insert(String entitySet, Map<String, ?> fields) {
    return insert(entitySet, MAPPER.valueToTree(fields), DEFAULT_EDITOR);
  }

  Map<String, Object> insert(String entitySet, JsonNode fields, String editor) {
    EntitySetSchema set = set(entitySet);
    Map<String, Object> row = RowValues.defaults(set);
    boolean keyedByRowId = set.keys().contains("SysRowID");
    if (keyedByRowId) {
      fields = RowValues.withNewRowId(fields);
    }
    RowValues.requireKeys(set, fields);
    row.putAll(RowValues.coerceRow(set, fields));
    List<Object> key = RowValues.keyOf(set, row, set.table());
    lock.writeLock().lock();
    try {
      if (rows.get(entitySet).containsKey(key) || keyedByRowId && rows.get(entitySet).copies().stream()
          .anyMatch(other -> RowValues.sameIndex(set, other, row))) {
        throw new DuplicateKeyException(set.table() + " " + key + " already exists");
      }
      PackRules.checkInsert(set, row, this::packRow);
      MiscChargeRules.check(set, row, row, this::miscChargeRow);
      if (!keyedByRowId) {
        row.put("SysRowID", UUID.randomUUID().toString());
      }
      row.put("RowMod", "");
      stamp(set, row, editor);
      rows.get(entitySet).putIfAbsent(key, row);
      companies.add((String) row.get("Company"));
      return new LinkedHashMap<>(row);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Hands out the next SysRevID without writing a row: what SQL Server does when a transaction writes a row, long
   * before the transaction commits. See {@link #insertCommittedLate}.
   */
  public long reserveRevision() {
    return revisions.incrementAndGet();
  }

  /**
   * Adds a row the way a transaction that commits late makes it visible: with the SysRevID it was written with
   * ({@code sysRevId}, from {@link #reserveRevision()}), lower than those of rows committed in the meantime. A poll
   * that pages by SysRevID and has already passed it never sees the row.
   */
  public Map<String, Object> insertCommittedLate(String entitySet, Map<String, ?> fields, long sysRevId) {
    if (sysRevId < 1 || sysRevId > revisions.get()) {
      throw new DatasetException("a late commit's SysRevID must be one already handed out, was " + sysRevId);
    }
    Map<String, Object> inserted = insert(entitySet, fields);
    EntitySetSchema set = set(entitySet);
    List<Object> key = RowValues.keyOf(set, inserted, set.table());
    lock.writeLock().lock();
    try {
      rows.get(entitySet).change(key, row -> row.put("SysRevID", sysRevId));
      inserted.put("SysRevID", sysRevId);
      return inserted;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes a row; returns whether it existed. */
  public boolean delete(String entitySet, Map<String, ?> keys) {
    EntitySetSchema set = set(entitySet);
    List<Object> key = keyFromMap(set, keys);
    lock.writeLock().lock();
    try {
      boolean existed = rows.get(entitySet).remove(key) != null;
      if (existed) {
        revisions.incrementAndGet();
      }
      return existed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The highest SysRevID handed out so far. */
  public long currentRevision() {
    return revisions.get();
  }

  public Set<String> companies() {
    lock.readLock().lock();
    try {
      return Set.copyOf(companies);
    } finally {
      lock.readLock().unlock();
    }
  }

  public Map<String, BaqDefinition> baqs() {
    return baqs;
  }

  public EpicorSchema schema() {
    return schema;
  }

  /**
   * Adds UD columns while the tenant runs, as UD Column Maintenance followed by a data model regeneration (Kinetic
   * cloud: Cloud Management Portal, Data Model Regen) does: from now on every row of the table has the columns with
   * their defaults ({@code ""}, {@code 0}, {@code false} or {@code null}), {@code $metadata} lists them and queries
   * and writes may name them. Nothing else changes: no row is stamped, no SysRevID moves. {@code udFields} is keyed
   * like a dataset's {@code UDFields}: table or set name to {@code {name: type}} (type
   * {@code string|int|long|decimal|boolean|date}).
   */
  public void regenerateDataModel(Map<String, Map<String, String>> udFields) {
    Map<String, Map<String, FieldType>> typed = new LinkedHashMap<>();
    udFields.forEach((table, fields) -> {
      Map<String, FieldType> columns = new LinkedHashMap<>();
      fields.forEach((name, type) -> columns.put(name, FieldType.fromDeclaration(type)));
      typed.put(table, columns);
    });
    lock.writeLock().lock();
    try {
      EpicorSchema next = schema.withUdFields(typed);
      for (EntitySetSchema set : next.entitySets()) {
        Map<String, Object> defaults = RowValues.defaults(set);
        for (Map<String, Object> row : rows.get(set.entitySet()).all()) {
          defaults.forEach(row::putIfAbsent);
        }
      }
      EpicorEdm nextEdm = new EpicorEdm(next, baqs);
      schema = next;
      edm = nextEdm;
      queries = new QueryEngine(nextEdm);
      modelGeneration++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** How many times the data model was regenerated at runtime (0 for the dataset as loaded). */
  public int modelGeneration() {
    return modelGeneration;
  }

  /** What the API key/user may not read or write; the dataset's AccessDenied rules, changeable at runtime. */
  public AccessRules access() {
    return access;
  }

  /** Where this dataset came from (file path, "json" or the sample resource). */
  public String source() {
    return source;
  }

  // ---------------------------------------------------------------- package-private for the loader

  static EpicorDataset empty(String source, EpicorSchema schema, Map<String, BaqDefinition> baqs) {
    return new EpicorDataset(source, schema, baqs);
  }

  Set<String> servedSets() {
    return rows.keySet();
  }

  /** Adds a row as loaded (no stamp); false when its key is taken. */
  boolean putLoaded(String entitySet, List<Object> key, Map<String, Object> row) {
    if (rows.get(entitySet).putIfAbsent(key, row) != null) {
      return false;
    }
    companies.add((String) row.get("Company"));
    return true;
  }

  /** Ends a load: the counter continues after {@code maxRevision}; rows loaded without one take the next ones. */
  void finishLoad(long maxRevision, List<Map.Entry<String, List<Object>>> needRevision) {
    revisions.set(maxRevision);
    for (Map.Entry<String, List<Object>> row : needRevision) {
      rows.get(row.getKey()).change(row.getValue(), changed -> changed.put("SysRevID", revisions.incrementAndGet()));
    }
  }

  // ---------------------------------------------------------------- package-private for the server

  void useClock(Clock clock) {
    this.clock = clock;
  }

  void addCompany(String company) {
    lock.writeLock().lock();
    try {
      companies.add(company);
    } finally {
      lock.writeLock().unlock();
    }
  }

  QueryEngine queries() {
    return queries;
  }

  EpicorEdm edm() {
    return edm;
  }

  /**
   * Runs {@code work} on the live rows of one company, in key order, under the read lock: no row is copied, so
   * {@code work} must not keep or change them (QueryEngine.apply projects into new maps). Copying every row of
   * a large set on each read made the sandbox, not the connector, the bottleneck of long runs.
   */
  <T> T withRowsOfCompany(String entitySet, String company, Function<List<Map<String, Object>>, T> work) {
    return withRowsOfCompany(entitySet, company, null, work);
  }

  /**
   * Like {@link #withRowsOfCompany(String, String, Function)}, but when {@code filter} implies equalities on key
   * columns or a SysRevID range (see KeyLookups) only the rows those find are handed to {@code work}, still in key
   * order: the rows the filter can match, for {@code work} to evaluate the whole filter on. A keyed read of a
   * large set then costs what its keys find, not a scan; so does a "changed since" page near the newest changes
   * (lookups that find more than an eighth of the set are scanned instead: merging them would cost more).
   */
  <T> T withRowsOfCompany(String entitySet, String company, Expression filter,
      Function<List<Map<String, Object>>, T> work) {
    EntitySetSchema set = set(entitySet);
    OrderedRows ordered = rows.get(set.entitySet());
    Optional<List<KeyLookups.Lookup>> lookups = keyLookups && filter != null
        ? KeyLookups.plan(filter, set.fields(), indexedKeyColumns(set),
            set.type(OrderedRows.REVISION) == FieldType.INT64 ? OrderedRows.REVISION : null)
        : Optional.empty();
    lock.readLock().lock();
    try {
      Collection<Map<String, Object>> candidates = lookups.isPresent()
          ? ordered.lookup(lookups.get(), Math.max(64, ordered.size() / 8))
          : null;
      if (candidates == null) {
        candidates = ordered.all();
      }
      List<Map<String, Object>> live = new ArrayList<>(candidates.size());
      for (Map<String, Object> row : candidates) {
        if (company.equalsIgnoreCase((String) row.get("Company"))) {
          live.add(Collections.unmodifiableMap(row));
        }
      }
      return work.apply(Collections.unmodifiableList(live));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The key columns OrderedRows indexes, in key order: all but Company. */
  private static List<String> indexedKeyColumns(EntitySetSchema set) {
    return set.keys().stream().filter(k -> !k.equals(COMPANY_KEY)).toList();
  }

  /** Switches filter pushdown off (every read scans), so tests can compare both paths. */
  void useKeyLookups(boolean enabled) {
    this.keyLookups = enabled;
  }

  List<Map<String, Object>> rowsOfCompany(String entitySet, String company) {
    EntitySetSchema set = set(entitySet);
    lock.readLock().lock();
    try {
      List<Map<String, Object>> all = rows.get(set.entitySet()).copies();
      all.removeIf(row -> !company.equalsIgnoreCase((String) row.get("Company")));
      return all;
    } finally {
      lock.readLock().unlock();
    }
  }

  EntitySetSchema set(String entitySet) {
    return schema.entitySet(entitySet)
        .orElseThrow(() -> new DatasetException("unknown entity set '" + entitySet + "'"));
  }

  /** The ShipHead row of a pack key (Company, PackNum), read under the caller's lock; null when there is none. */
  private Map<String, Object> packRow(List<Object> companyAndPackNum) {
    EntitySetSchema heads = set(PackRules.HEAD_SET);
    return rows.get(heads.entitySet()).get(keyFromMap(heads,
        Map.of("Company", companyAndPackNum.get(0), "PackNum", companyAndPackNum.get(1))));
  }

  /** The MiscChrg row of (Company, MiscCode), read under the caller's lock; null when there is none or not served. */
  private Map<String, Object> miscChargeRow(List<Object> companyAndCode) {
    if (schema.entitySet(MiscChargeRules.MASTER_SET).isEmpty()) {
      return null;
    }
    EntitySetSchema master = set(MiscChargeRules.MASTER_SET);
    return rows.get(master.entitySet()).get(keyFromMap(master,
        Map.of("Company", companyAndCode.get(0), "MiscCode", companyAndCode.get(1))));
  }

  static List<Object> keyFromMap(EntitySetSchema set, Map<String, ?> keys) {
    if (!keys.keySet().equals(new LinkedHashSet<>(set.keys()))) {
      throw new DatasetException(set.entitySet() + " is keyed by " + set.keys() + ", got " + keys.keySet());
    }
    List<Object> key = new ArrayList<>();
    for (String k : set.keys()) {
      key.add(RowValues.coerce(k, set.type(k), MAPPER.valueToTree(keys.get(k))));
    }
    return key;
  }

  private void stamp(EntitySetSchema set, Map<String, Object> row, String editor) {
    row.put("SysRevID", revisions.incrementAndGet());
    ZonedDateTime now = ZonedDateTime.now(clock);
    if (set.hasField("ChangeDate")) {
      row.put("ChangeDate", now.toLocalDate().atStartOfDay().toString() + ":00");
    }
    if (set.hasField("ChangeTime")) {
      row.put("ChangeTime", (long) now.toLocalTime().toSecondOfDay());
    }
    if (set.hasField("ChangedBy")) {
      row.put("ChangedBy", editor);
    }
    if (set.hasField("ChangeDateTime")) {
      row.put("ChangeDateTime", now.toLocalDateTime().truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }

  /** A POST for a key that already exists. */
  static final class DuplicateKeyException extends DatasetException {
    DuplicateKeyException(String message) {
      super(message);
    }
  }
}
