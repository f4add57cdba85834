-- Every change to a price book or its cards notifies channel
-- fhub_pricing_books with the book's scope, "authority|provider|framework",
-- when its transaction commits. Each pricing replica listens and drops
-- what it holds in memory for that scope (api/book_cache.h), so a quote
-- never uses a book or card that has since changed, whoever changed it.

CREATE FUNCTION notify_price_book_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  book_id bigint;
  scope text;
BEGIN
  IF TG_TABLE_NAME = 'price_books' THEN
    IF TG_OP = 'DELETE' THEN
      scope := OLD.authority_id || '|' || OLD.provider_id || '|' || OLD.framework_id;
    ELSE
      scope := NEW.authority_id || '|' || NEW.provider_id || '|' || NEW.framework_id;
    END IF;
  ELSE
    IF TG_OP = 'DELETE' THEN
      book_id := OLD.price_book_id;
    ELSE
      book_id := NEW.price_book_id;
    END IF;
    -- The book's table in the cards' own schema, whatever the caller's
    -- search_path.
    EXECUTE format('SELECT b.authority_id || ''|'' || b.provider_id || ''|'' '
                   '|| b.framework_id FROM %I.price_books b '
                   'WHERE b.price_book_id = $1', TG_TABLE_SCHEMA)
      INTO scope USING book_id;
  END IF;
  IF scope IS NOT NULL THEN
    PERFORM pg_notify('fhub_pricing_books', scope);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER price_books_notify
  AFTER INSERT OR UPDATE OR DELETE ON price_books
  FOR EACH ROW EXECUTE FUNCTION notify_price_book_change();

CREATE TRIGGER rate_cards_notify
  AFTER INSERT OR UPDATE OR DELETE ON rate_cards
  FOR EACH ROW EXECUTE FUNCTION notify_price_book_change();
