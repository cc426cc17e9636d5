# Install rules and the Debian package (cpack -G DEB in the build folder makes
# signpost_VERSION_ARCH.deb). Layout on the kiosk:
#   /usr/bin/signpost, /usr/bin/signpostctl        the programs
#   /usr/share/signpost/{assets,content,content.db} pictograms, sample content, its store
#   /etc/signpost/{kiosk.conf,pals-public.key}     configuration (conffiles)
#   /lib/systemd/system/signpost-kiosk.service     cage + signpost on tty1
#   /lib/systemd/system/signpost-sync.{service,timer}  fleet sync (not enabled: IT
#                                                  enables the timer after enrolling)
#   /usr/lib/sysctl.d, /usr/lib/systemd/{logind,system}.conf.d/90-signpost.conf
#                                                  no SysRq, spare gettys or C-A-D burst
#   /var/lib/signpost                              state, made by postinst (0700, signpost)
# The maintainer scripts are in kiosk-config/package/debian/.
set(SIGNPOST_PKG_DIR ${PROJECT_SOURCE_DIR}/kiosk-config/package/debian)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS signpost signpostctl RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/signpost/assets
        PATTERN "README.md" EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/content/ DESTINATION share/signpost/content)
install(FILES ${CMAKE_BINARY_DIR}/content.db DESTINATION share/signpost)
install(FILES ${PROJECT_SOURCE_DIR}/kiosk-config/package/kiosk.conf DESTINATION /etc/signpost)
install(FILES ${PROJECT_SOURCE_DIR}/kiosk-config/demo-keys/pals-public.key
        DESTINATION /etc/signpost)
install(FILES ${PROJECT_SOURCE_DIR}/kiosk-config/systemd/signpost-kiosk.service
              ${PROJECT_SOURCE_DIR}/kiosk-config/systemd/signpost-sync.service
              ${PROJECT_SOURCE_DIR}/kiosk-config/systemd/signpost-sync.timer
        DESTINATION /lib/systemd/system)

# /usr/share/doc/signpost: copyright, the Debian changelog (gzip -9n, as policy asks)
# and the README.
configure_file(${SIGNPOST_PKG_DIR}/changelog.in ${CMAKE_BINARY_DIR}/pkg/changelog @ONLY)
add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/pkg/changelog.gz
    COMMAND gzip -9n -c ${CMAKE_BINARY_DIR}/pkg/changelog > ${CMAKE_BINARY_DIR}/pkg/changelog.gz
    DEPENDS ${CMAKE_BINARY_DIR}/pkg/changelog
    COMMENT "Compressing the Debian changelog")
add_custom_target(package_docs ALL DEPENDS ${CMAKE_BINARY_DIR}/pkg/changelog.gz)
# No way out from the screen: no SysRq, no spare gettys, no Ctrl+Alt+Del burst reboot.
install(FILES ${PROJECT_SOURCE_DIR}/kiosk-config/systemd/sysctl-signpost.conf
        DESTINATION lib/sysctl.d RENAME 90-signpost.conf)
install(FILES ${PROJECT_SOURCE_DIR}/kiosk-config/systemd/logind-signpost.conf
        DESTINATION lib/systemd/logind.conf.d RENAME 90-signpost.conf)
install(FILES ${PROJECT_SOURCE_DIR}/kiosk-config/systemd/system-signpost.conf
        DESTINATION lib/systemd/system.conf.d RENAME 90-signpost.conf)
install(FILES ${PROJECT_SOURCE_DIR}/kiosk-config/systemd/network-printer.conf
        DESTINATION share/doc/signpost/examples)
install(FILES ${SIGNPOST_PKG_DIR}/copyright ${CMAKE_BINARY_DIR}/pkg/changelog.gz
              ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION share/doc/signpost)

set(CPACK_PACKAGE_NAME signpost)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Signpost maintainers <maintainers@signpost.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-service information kiosk for hospital waiting areas")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://signpost.invalid/")
# The long description (the synopsis above is its first line); CPack indents it.
string(JOIN "\n" CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Signpost runs full screen on a touch screen in a hospital waiting area:"
    "it finds places and directions, support groups and local services,"
    "explains how to raise a concern with PALS and takes one, sealed to the"
    "PALS public key. It works offline from a local SQLite content store."
    "."
    "This package runs the kiosk under the cage Wayland compositor on tty1"
    "as the unprivileged signpost user (systemd service signpost-kiosk, with"
    "a watchdog and no network), and ships signpostctl and the content of a"
    "sample hospital. A kiosk in a fleet syncs with the trust's central"
    "PostgreSQL database through signpost-sync.timer (enabled by IT after"
    "enrolling the kiosk).")
# The libraries the programs link to (dpkg-shlibdeps), plus what they need at run time.
# dpkg-shlibdeps adds the libraries the programs link to (libcairo2, libpango-1.0-0 and
# libpangocairo-1.0-0 for signpostctl report among them).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "adduser, cage, seatd, xwayland, fonts-noto-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${SIGNPOST_PKG_DIR}/conffiles ${SIGNPOST_PKG_DIR}/postinst ${SIGNPOST_PKG_DIR}/prerm
    ${SIGNPOST_PKG_DIR}/postrm)
include(CPack)
