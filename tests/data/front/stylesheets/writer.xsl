<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile test stylesheet: tries to write a file with exsl:document.
     quire must refuse it and write nothing. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                extension-element-prefixes="exsl">
  <xsl:param name="target" select="'pwned.txt'"/>
  <xsl:template match="/">
    <exsl:document href="{$target}" method="text">owned</exsl:document>
    <out/>
  </xsl:template>
</xsl:stylesheet>
