package jenkins;

/** Stub of Jenkins 2.479.3 {@code jenkins.YesNoMaybe} (real behaviour). */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) {
        if (v == null) {
            return null;
        }
        return v.toBool();
    }

    public Boolean toBool() {
        switch (this) {
            case YES:
                return true;
            case NO:
                return false;
            default:
                return null;
        }
    }
}
