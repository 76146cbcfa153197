package io.jenkins.plugins.magentodmt;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The plugin's user-facing texts, from {@code Messages.properties}. Hand-written in the shape that localizer generates
 * (a static method per key, dots becoming underscores), because localizer's Maven plugin is not used in this build.
 */
public final class Messages {
    private static final String BUNDLE = "io.jenkins.plugins.magentodmt.Messages";

    private Messages() {
    }

    static String format(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader());
        String pattern = bundle.getString(key);
        // Strings only: MessageFormat would print a port as "2,222".
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(texts);
    }

    public static String MagentoDmtUpgradeStep_DisplayName() {
        return format("MagentoDmtUpgradeStep.DisplayName");
    }

    public static String MagentoDmtUpgradeBuilder_DisplayName() {
        return format("MagentoDmtUpgradeBuilder.DisplayName");
    }

    public static String KnownHostsFileVerification_DisplayName() {
        return format("KnownHostsFileVerification.DisplayName");
    }

    public static String ManuallyProvidedKeyVerification_DisplayName() {
        return format("ManuallyProvidedKeyVerification.DisplayName");
    }

    public static String AcceptAnyHostKeyVerification_DisplayName() {
        return format("AcceptAnyHostKeyVerification.DisplayName");
    }

    public static String UpgradeAction_DisplayName() {
        return format("UpgradeAction.DisplayName");
    }

    public static String Validation_Required(Object arg0) {
        return format("Validation.Required", arg0);
    }

    public static String Validation_Port() {
        return format("Validation.Port");
    }

    public static String Validation_Timeout() {
        return format("Validation.Timeout");
    }

    public static String Validation_CheckedAtRunTime() {
        return format("Validation.CheckedAtRunTime");
    }

    public static String Validation_HostKeyRequired() {
        return format("Validation.HostKeyRequired");
    }

    public static String Validation_Required_Host() {
        return format("Validation.Required.Host");
    }

    public static String Validation_Required_MagentoRoot() {
        return format("Validation.Required.MagentoRoot");
    }

    public static String Validation_Required_CredentialsId() {
        return format("Validation.Required.CredentialsId");
    }

    public static String TestConnection_Ok(Object arg0, Object arg1, Object arg2, Object arg3) {
        return format("TestConnection.Ok", arg0, arg1, arg2, arg3);
    }

    public static String Credentials_SshNotFound(Object arg0) {
        return format("Credentials.SshNotFound", arg0);
    }

    public static String Credentials_ComposerNotFound(Object arg0) {
        return format("Credentials.ComposerNotFound", arg0);
    }

    public static String Credentials_NoPrivateKey(Object arg0) {
        return format("Credentials.NoPrivateKey", arg0);
    }

    public static String HostKey_KnownHostsMissing(Object arg0) {
        return format("HostKey.KnownHostsMissing", arg0);
    }

    public static String HostKey_BadKey(Object arg0) {
        return format("HostKey.BadKey", arg0);
    }

    public static String HostKey_AcceptAny(Object arg0) {
        return format("HostKey.AcceptAny", arg0);
    }

    public static String Log_Start(Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return format("Log.Start", arg0, arg1, arg2, arg3, arg4, arg5);
    }

    public static String Log_Archived(Object arg0, Object arg1) {
        return format("Log.Archived", arg0, arg1);
    }

    public static String Archive_OutsideBackupFolder(Object arg0, Object arg1) {
        return format("Archive.OutsideBackupFolder", arg0, arg1);
    }

    public static String Archive_Exists(Object arg0) {
        return format("Archive.Exists", arg0);
    }

    public static String Log_ArchivedCustomizations(Object arg0) {
        return format("Log.ArchivedCustomizations", arg0);
    }

    public static String Log_Result(Object arg0, Object arg1) {
        return format("Log.Result", arg0, arg1);
    }

    public static String Log_Warning(Object arg0) {
        return format("Log.Warning", arg0);
    }

    public static String Log_Info(Object arg0) {
        return format("Log.Info", arg0);
    }

    public static String Log_Phase(Object arg0, Object arg1, Object arg2) {
        return format("Log.Phase", arg0, arg1, arg2);
    }

    public static String Log_Output(Object arg0) {
        return format("Log.Output", arg0);
    }

    public static String Log_AbandonFailed(Object arg0) {
        return format("Log.AbandonFailed", arg0);
    }

    public static String Upgrade_Failed(Object arg0, Object arg1) {
        return format("Upgrade.Failed", arg0, arg1);
    }

    public static String Upgrade_PreparedGone(Object arg0) {
        return format("Upgrade.PreparedGone", arg0);
    }

    public static String Upgrade_NotRestored(Object arg0, Object arg1) {
        return format("Upgrade.NotRestored", arg0, arg1);
    }

    public static String Upgrade_Interrupted(Object arg0, Object arg1) {
        return format("Upgrade.Interrupted", arg0, arg1);
    }

    public static String Upgrade_Mismatch(Object arg0) {
        return format("Upgrade.Mismatch", arg0);
    }
}
