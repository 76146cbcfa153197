#!/usr/bin/env php
<?php
/**
 * Sandbox stand-in for Magento's bin/magento. It answers the few commands an upgrade job may run, with the
 * wording of the real CLI, and appends every invocation to var/log/sandbox-cli.log so tests can see what ran.
 */
$root = dirname(__DIR__);
$args = array_slice($argv, 1);
$command = $args[0] ?? 'list';

// Like app/bootstrap.php: every command loads Composer's autoloader, and with it each package's "files" autoloads.
if (is_file($root . '/vendor/autoload.php')) {
    require $root . '/vendor/autoload.php';
}
// The real --version writes nothing; the other commands are logged so that tests can see what ran.
if ($command !== '--version' && $command !== '-V') {
    @mkdir($root . '/var/log', 0755, true);
    file_put_contents($root . '/var/log/sandbox-cli.log', implode(' ', $args) . "\n", FILE_APPEND);
}

/** Like setup:di:compile: every plugin class named in a module's etc/di.xml must exist. */
function compileDi(string $root): int
{
    foreach (glob($root . '/vendor/*/*/etc/di.xml') ?: [] as $di) {
        preg_match_all('/<plugin [^>]*type="([^"]+)"/', (string) file_get_contents($di), $m);
        foreach ($m[1] as $class) {
            if (!class_exists(str_replace('\\\\', '\\', $class))) {
                echo "Errors during compilation:\n\t" . $class . "\n\t\tIncorrect dependency in class " . $class
                    . " in " . $di . "\n";
                return 1;
            }
        }
    }
    @mkdir($root . '/generated/metadata', 0755, true);
    file_put_contents($root . '/generated/metadata/global.php', "<?php\nreturn [];\n");
    echo "Compilation was started.\nGenerated code and dependency injection configuration successfully.\n";
    return 0;
}

/** The installed Magento version, read from composer.lock like the real CLI reads its own package version. */
function magentoVersion(string $root): string
{
    $lock = json_decode((string) @file_get_contents($root . '/composer.lock'), true);
    foreach (($lock['packages'] ?? []) as $package) {
        if ($package['name'] === 'magento/product-community-edition') {
            return $package['version'];
        }
    }
    return 'unknown';
}

switch ($command) {
    case '--version':
    case '-V':
        echo 'Magento CLI ' . magentoVersion($root) . "\n";
        exit(0);
    case 'list':
        echo 'Magento CLI ' . magentoVersion($root) . "\n\nAvailable commands:\n"
            . "  cache:flush\n  maintenance:disable\n  maintenance:enable\n  maintenance:status\n  setup:backup\n";
        exit(0);
    case 'setup:backup':
        // Backups are disabled by default since Magento 2.3 (system/backup/functionality_enabled = 0).
        echo "Backup functionality is disabled.\n"
            . "Backup functionality is currently disabled. Please use other means for backups.\n";
        exit(1);
    case 'setup:di:compile':
        exit(compileDi($root));
    case 'cache:flush':
        echo "Flushed cache types:\nconfig\nlayout\nblock_html\nfull_page\n";
        exit(0);
    case 'maintenance:enable':
        touch($root . '/var/.maintenance.flag');
        echo "Enabled maintenance mode\n";
        exit(0);
    case 'maintenance:disable':
        @unlink($root . '/var/.maintenance.flag');
        echo "Disabled maintenance mode\n";
        exit(0);
    case 'maintenance:status':
        echo 'Status: maintenance mode is ' . (file_exists($root . '/var/.maintenance.flag') ? 'active' : 'not active')
            . "\nList of exempt IP-addresses: none\n";
        exit(0);
    default:
        fwrite(STDERR, "\n  Command \"$command\" is not defined.\n\n");
        exit(1);
}
